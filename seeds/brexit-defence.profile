# brexit-defence -- trained by `ukeuwatch profile train` on 2026-12-07 from 854 labelled items
# (61 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl
# Base: seeds/curated/brexit-defence.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv brexit-defence: tp=42 fp=4 fn=19 tn=789 precision=0.913 recall=0.689 f1=0.785
#
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

require uk UK, Britain, British, United Kingdom, London, Downing Street
require uk Brexit, leave the EU, quit the EU, exit the EU, leave EU, quit EU
require uk Home Secretary, Defence Secretary, Foreign Secretary, MI6, MI5
require uk Home Office, Whitehall, Lords, Commons, Westminster, Number 10
require uk Starmer, Healey, Lammy, Yvette Cooper, Sunak, Shapps, Ben Wallace
require uk British troops, UK troops, coalition of the willing, E3, MPs
require eu Brexit, leave the EU, quit the EU, exit the EU, leave EU, quit EU
require eu coalition of the willing, E3, EU, European Union, Brussels, bloc
require eu Europe, European, Europol, Galileo, European Arrest Warrant
require eu Schengen, Barnier, France, French, Germany, German, Macron, Merz
require eu Paris, Berlin, Poland, Nordic, Kallas, von der Leyen, Kubilius
require eu SAFE, reassurance force
require topic MI6, MI5, coalition of the willing, Europol, Galileo
require topic European Arrest Warrant, Schengen, SAFE, reassurance force
require topic security, defence, military, armed forces, army, intelligence
require topic foreign policy, terrorism, terrorists, police, crime
require topic sanctions, CSDP, diplomatic service, law enforcement
require topic protect Europe, defend Europe, Europe's security
require topic Europe's defence, security of Europe, defence of Europe
require topic continent's defence, troops, peacekeeping, treaty
require topic security guarantees, Security and Defence Partnership, deploy
require topic missiles

term 1.5 UK
term 0.8 Britain
term 1.2 British
term 1.1 United Kingdom
term 1 London
term 4 Brexit
term 2.1 leave the EU
term 2.2 quit the EU
term 2.2 exit the EU
term 2.2 leave EU
term 2.2 quit EU
term -0.3 Foreign Secretary
term 0.1 Home Office
term -0.1 Commons
term 3.3 Starmer
term 3.3 Healey
term 3.2 Lammy
term 3.3 Yvette Cooper
term 0.2 Ben Wallace
term 4.3 British troops
term 4.3 UK troops
term 6.5 coalition of the willing
term 5.4 E3
term 1 EU
term 1 European Union
term 1 Brussels
term -0.2 bloc
term 1.1 Europe
term 1 European
term 4.3 Europol
term 4.4 Galileo
term 4.3 European Arrest Warrant
term 0.1 Schengen
term 2.2 France
term 2.5 Germany
term 2.1 Macron
term 2.2 Merz
term -0.1 Poland
term 2.2 Kallas
term 2.2 von der Leyen
term 5.4 SAFE
term 6.5 reassurance force
term 4.3 reset   # seeds 000, 002
term 4.3 future partnership   # seeds 000, 002
term 4.3 future relationship   # seeds 000, 002
term 3.3 partnership paper
term 3.3 position paper
term 3.3 EU ties
term 3.3 EU links
term 3.3 security
term 3.3 defence
term 2.2 military
term 3.3 armed forces
term 3.2 intelligence
term 4.3 foreign policy
term 2.3 terrorism
term 2.2 terrorists
term 2.3 police
term 2.1 crime
term 1.2 sanctions
term 4.3 CSDP
term 2.2 diplomatic service
term 3.3 law enforcement
term 5.4 protect Europe
term 5.4 defend Europe
term 5.4 Europe's security
term 5.4 Europe's defence
term 5.4 security of Europe
term 5.4 defence of Europe
term 5.4 continent's defence
term 2.2 troops
term 3.2 peacekeeping
term 6.5 security guarantees
term 6.5 Security and Defence Partnership
term 2.2 deploy
term 0.2 missiles
term 5.4 security partnership   # seeds 000, 002
term 5.3 security pact   # seeds 000, 002
term 5.4 security treaty   # seeds 000, 002
term 5.4 security cooperation
term 5.4 defence cooperation
term 5.4 European security   # seed 000
term 5.4 UK-EU security   # seed 000
term 5.4 EU security   # seed 000
term 4.4 defence and security
term 4.3 security and defence
term 4.3 military assets
term 2.2 threats
term 5.4 defence pact
term 5.4 defence treaty
term 5.4 defence deal
term 5.4 defence talks
term 4.3 peacekeeping force
term 3.3 troops to Ukraine
term 2 Ukraine
term 2.2 ceasefire
term 2.2 allies
term 2.1 European leaders
term 1.1 Russia
term 1.3 Russian
term -4.4 security council
term -4.4 security conference
term -4.3 food security
term -4.3 energy security
term -4.3 social security
term -3.1 border force
term -3.3 migration
term -3.3 migrants
term -3.3 refugees
term -3.5 trade
term -3.3 customs
term -3.3 tariff
term -3.3 single market
term -3.3 divorce
term -3.3 Irish border
term -3.3 citizens
term -3.3 citizens' rights
term -3.3 passport
term -3.3 visa
term -3.3 Euratom
term -3.3 nuclear power
term -2.2 no deal
term -2.1 supplies
term -2.2 Northern Ireland
term -2.2 election
term -2.2 hate crime
term -2.2 US
term -2.2 Spain
term -2.2 UN
term -2.2 United Nations
term -1.3 Trump
term -4.3 Greenland
term -4.3 Australia
term -4.3 AUKUS
term -4.3 Five Eyes
term -4.3 Venezuela
term -5.4 Syria
term -5.4 Islamic State
term -5.4 ISIL
term -5.4 Daesh
term -3.2 NHS
term -3.3 Gaza
term -3.3 Israel
term -3.3 China
term -3.3 Chinese

# Learned from the labelled items: stems, acronyms and word pairs.
term 1.1 access   # in 10 items, 5 wanted
term 0.5 satellite   # in 5 items, 3 wanted
term 0.5 navigation   # in 4 items, 3 wanted
term 0.4 any   # in 9 items, 4 wanted
term 0.3 once   # in 7 items, 4 wanted
term 0.2 justice   # in 6 items, 3 wanted
term 0.2 street   # in 6 items, 3 wanted
term 0.1 committed   # in 10 items, 6 wanted
term 0.1 affairs   # in 5 items, 3 wanted
