# brexit-defence -- UK-EU (or UK-European) cooperation, partnership,
# negotiation or position on defence, security, intelligence, military
# assets or foreign policy, in the context of Brexit or post-Brexit
# relations: the 2017 future-partnership papers, the 2024 "reset", a UK-EU
# security pact (GUIDELINE.md).  Brexit talks on trade, customs, citizens'
# rights, the divorce bill or Ireland with no security content do not
# count; nor UK defence spending with no European link, or NATO business
# with no EU or Brexit angle.
#
# Derived with `ukeuwatch profile derive seeds/*.txt`, then curated.
# Seed 000 (Reuters, Sept 2017): "closer defence cooperation with the
# European Union after Brexit", "deep security partnership", "future
# partnership paper", "unconditionally committed to maintaining European
# security".  Seed 001 (same paper, UK press): "continue to collaborate
# with our European partners on defence", "joint foreign policy positions".
# Seed 002 (FT, Oct 2024): "deeper defense cooperation between London and
# Brussels", "wider reset of post-Brexit relations", "a security pact".

threshold 8
field title 1.5
field summary 1
field content 0.5

# The UK side.
require uk UK, Britain, British, United Kingdom, London, Downing Street
require uk Brexit, leave the EU, quit the EU, exit the EU, leave EU, quit EU
require uk Home Secretary, Defence Secretary, Foreign Secretary, MI6, MI5
require uk Home Office, Whitehall, Lords, Commons, Westminster, Number 10
# Guideline, "Events since 2024": the people who make these statements (UK
# PM, Defence and Foreign Secretaries), British troops for a European force,
# and the coalition of the willing and the E3, which count even when the
# item does not name the UK (it is a member).
require uk Starmer, Healey, Lammy, Yvette Cooper, Sunak, Shapps, Ben Wallace
require uk British troops, UK troops, coalition of the willing, MPs
# "E3" alone is also a software licence and a games fair: the group is
# named with its members or its business.
require uk E3 leaders, E3 countries, E3 ministers, E3 foreign ministers
require uk E3 statement, E3 joint statement
term 1 UK, Britain, British, United Kingdom, London
# Guideline, "Events since 2024": the coalition of the willing's track
# (security guarantees, a reassurance or multinational force, Ukraine's
# allies meeting) counts even when the UK is not named (it is a member and
# co-leads the force): these terms stand for the UK side and the European
# side at once; the learned weights and the threshold decide the rest.
# "Security guarantees" alone stand only for the UK side: Kyiv seeks them
# from Washington too, so a European party must be named as well.
require uk security guarantees, reassurance force
require uk multinational force, peacekeeping force, Paris Declaration
require uk Ukraine's allies, Kyiv's allies, Western allies, Western leaders
require uk Ukrainian allies
require eu multinational force, peacekeeping force, Paris Declaration
require eu Ukraine's allies, Kyiv's allies, Western allies, Western leaders
require eu Ukrainian allies
require eu British troops, UK troops, peacekeepers, peace-keepers
# Guideline: UK steps to prepare a British contribution to a force for
# Ukraine count without a European state named (a vote in Parliament on
# troops, planning for a ceasefire force): the force is the European part.
require eu troops to Ukraine, troops in Ukraine, Ukraine ceasefire
require eu stabilisation force

# The EU or European side.
require eu EU, European Union, Brussels, bloc, Europe, European, Europol
require eu Brexit, Galileo, European Arrest Warrant, Schengen, Barnier
require eu leave the EU, quit the EU, exit the EU, leave EU, quit EU
# UK-European cooperation outside EU structures counts (guideline): France,
# Germany, Poland, the Nordics; the EU's own people and instruments.
require eu France, French, Germany, German, Macron, Merz, Paris, Berlin
require eu Poland, Nordic, Kallas, von der Leyen, Kubilius, SAFE
require eu coalition of the willing, reassurance force
require eu E3 leaders, E3 countries, E3 ministers, E3 foreign ministers
require eu E3 statement, E3 joint statement
term 1 EU, European Union, Brussels, Europe, European

# Brexit and the relationship after it.
term 4 Brexit
term 2 leave the EU, quit the EU, exit the EU    # Brexit in other words
term 2 leave EU, quit EU                       # (headlines drop "the")
term 4 reset, future partnership, future relationship     # seeds 000, 002
term 3 partnership paper, position paper, EU ties, EU links

# Security, defence, intelligence, foreign policy: one must be there.
require topic security, defence, military, armed forces, army, intelligence
require topic foreign policy, terrorism, terrorists, police, crime
# Foreign policy in the form it is reported: the UK at the EU's Foreign
# Affairs Council, its foreign ministers; and, since 2022, the war in
# Ukraine, which UK-European security cooperation is mostly about.
require topic foreign ministers, Foreign Affairs Council, Ukraine
require topic Galileo, European Arrest Warrant, Europol, Schengen, MI6, MI5
require topic sanctions, CSDP, diplomatic service, law enforcement
require topic protect Europe, defend Europe, Europe's security, Europe's defence
require topic security of Europe, defence of Europe, continent's defence
# 2024-26: a force for Ukraine, guarantees, the SAFE loans, the E3.
require topic troops, peacekeeping, reassurance force, treaty
# The E3's joint diplomacy on Iran's nuclear programme (guideline: the E3
# counts as UK-European cooperation).
require topic snapback, nuclear talks, nuclear deal, nuclear programme
require topic security guarantees, coalition of the willing, SAFE
require topic Security and Defence Partnership, deploy, missiles
require topic ceasefire, truce, peace deal, peace plan
require topic Ukraine talks, Ukraine summit, military planning
term 5 security partnership, security pact, security treaty   # seeds 000, 002
term 5 security cooperation, defence cooperation
term 5 European security, UK-EU security, EU security          # seed 000
# The UK's commitment to Europe's defence, Brexit or not (seed 000: "the
# continent's defence").
term 5 protect Europe, defend Europe, Europe's security, Europe's defence
term 5 security of Europe, defence of Europe, continent's defence
term 4 defence and security, security and defence, foreign policy
term 4 Galileo, European Arrest Warrant, Europol, CSDP, military assets
term 3 security, defence, intelligence, armed forces, law enforcement
term 2 military, terrorism, terrorists, police, crime, threats
term 2 diplomatic service
# Guideline, "Events since 2024": the May 2025 Security and Defence
# Partnership, UK access to SAFE, the coalition of the willing and its
# reassurance force, UK-France and UK-Germany defence pacts, the E3.
term 6 Security and Defence Partnership, coalition of the willing
term 6 reassurance force, security guarantees
term 5 E3 leaders, E3 countries, E3 ministers, E3 foreign ministers
term 5 E3 statement, E3 joint statement
# The E3 named out, as general news writes it ("UK, France and Germany
# reimpose sanctions on Iran"): the three acting together (a comma
# separates terms here, and the matcher reads a phrase across one).
term 5 UK France and Germany, UK Germany and France
term 5 Britain France and Germany, Britain Germany and France
term 5 France Germany and the UK, France Germany and Britain
term 5 Germany France and the UK, Germany France and Britain
term 5 SAFE, defence pact, defence treaty, defence deal, defence talks
# UK participation in an EU defence fund (SAFE by its generic name: "price
# tag for UK to join EU defence fund") is both profiles' (guideline).
term 4 defence fund
term 4 British troops, UK troops, peacekeeping force
term 3 peacekeeping, troops to Ukraine
term 3 Starmer, Healey, Lammy, Yvette Cooper                  # UK ministers
term 2 Macron, Merz, France, Germany, troops, Ukraine, ceasefire, deploy
term 2 Kallas, von der Leyen, allies, European leaders
term 1 sanctions, Russia, Russian

# Brexit business without security content counts against.
term -4 security council, security conference
term -4 food security, energy security, social security
term -3 border force, migration, migrants, refugees
term -3 trade, customs, tariff, single market, divorce, Irish border
term -3 citizens, citizens' rights, passport, visa, Euratom, nuclear power
term -2 no deal, supplies, Northern Ireland, election, hate crime
term -2 US, Spain, UN, United Nations
term -1 Trump
# Guarantees the US alone gives, or talks between the US and Ukraine with no
# European part, are not UK-European cooperation (guideline: not UK
# bilateral work with a non-European state, nor a force with no UK role).
term -4 US security guarantees, American security guarantees
term -4 bilateral security guarantees
# The US-Russia-Ukraine track (its envoys and venues) has no European
# part; the learned weights decide how much these count against.
term -2 Witkoff, Kushner, Rubio, US envoy, US talks
term -2 Trump meeting, US-led talks, US-brokered, Abu Dhabi, Miami
# Not UK-European: Greenland's sovereignty, UK work with non-European states,
# joint combat outside Europe (UK-France strikes in Syria) (guideline).
term -4 Greenland, Australia, AUKUS, Five Eyes, Venezuela
term -5 Syria, Islamic State, ISIL, Daesh
term -3 NHS, Gaza, Israel, China, Chinese
