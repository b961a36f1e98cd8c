# brexit-defence -- trained by `ukeuwatch profile train` on 2026-12-07 from 1413 labelled items
# (150 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl tests/eval/own-2026.jsonl
# Base: seeds/curated/brexit-defence.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv brexit-defence: tp=127 fp=20 fn=23 tn=1243 precision=0.864 recall=0.847 f1=0.855
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
require uk British troops, UK troops, coalition of the willing, MPs
require uk E3 leaders, E3 countries, E3 ministers, E3 foreign ministers
require uk E3 statement, E3 joint statement, security guarantees
require uk reassurance force, multinational force, peacekeeping force
require uk Paris Declaration, Ukraine's allies, Kyiv's allies
require uk Western allies, Western leaders, Ukrainian allies
require eu Brexit, leave the EU, quit the EU, exit the EU, leave EU, quit EU
require eu British troops, UK troops, coalition of the willing, E3 leaders
require eu E3 countries, E3 ministers, E3 foreign ministers, E3 statement
require eu E3 joint statement, reassurance force, multinational force
require eu peacekeeping force, Paris Declaration, Ukraine's allies
require eu Kyiv's allies, Western allies, Western leaders, Ukrainian allies
require eu peacekeepers, peace-keepers, troops to Ukraine, troops in Ukraine
require eu Ukraine ceasefire, stabilisation force, EU, European Union
require eu Brussels, bloc, Europe, European, Europol, Galileo
require eu European Arrest Warrant, Schengen, Barnier, France, French
require eu Germany, German, Macron, Merz, Paris, Berlin, Poland, Nordic
require eu Kallas, von der Leyen, Kubilius, SAFE
require topic MI6, MI5, coalition of the willing, security guarantees
require topic reassurance force, peacekeepers, Europol, Galileo
require topic European Arrest Warrant, Schengen, SAFE, security, defence
require topic military, armed forces, army, intelligence, foreign policy
require topic terrorism, terrorists, police, crime, foreign ministers
require topic Foreign Affairs Council, Ukraine, sanctions, CSDP
require topic diplomatic service, law enforcement, protect Europe
require topic defend Europe, Europe's security, Europe's defence
require topic security of Europe, defence of Europe, continent's defence
require topic troops, treaty, snapback, nuclear talks, nuclear deal
require topic nuclear programme, Security and Defence Partnership, deploy
require topic missiles, ceasefire, truce, peace deal, peace plan
require topic Ukraine talks, Ukraine summit, military planning

term 1.1 UK
term 0.6 Britain
term 1.1 British
term 0.8 United Kingdom
term 0.7 London
term 2.9 Brexit
term 1.5 leave the EU
term 1.6 quit the EU
term 1.7 exit the EU
term 1.6 leave EU
term 1.6 quit EU
term -0.5 Foreign Secretary
term 0.1 Home Office
term -0.4 Commons
term 2.2 Starmer
term 2.4 Healey
term 2.3 Lammy
term 2.1 Yvette Cooper
term -0.1 Sunak
term 0.1 Ben Wallace
term 3.2 British troops
term 3.1 UK troops
term 4.5 coalition of the willing
term 0.1 MPs
term 3.9 E3 leaders
term 3.9 E3 countries
term 3.9 E3 ministers
term 3.9 E3 foreign ministers
term 3.9 E3 statement
term 3.9 E3 joint statement
term 4.5 security guarantees
term 4.8 reassurance force
term 0.4 multinational force
term 2.8 peacekeeping force
term 0.1 Ukraine's allies
term -0.1 Kyiv's allies
term -0.2 Western allies
term 2 peacekeepers
term 2.2 troops to Ukraine
term 0.1 troops in Ukraine
term 0.1 Ukraine ceasefire
term 0.7 EU
term 0.7 European Union
term 0.7 Brussels
term -0.2 bloc
term 0.9 Europe
term 0.7 European
term 3.1 Europol
term 3.4 Galileo
term 3.2 European Arrest Warrant
term 0.1 Schengen
term 1.5 France
term -0.5 French
term 2 Germany
term -0.2 German
term 1.3 Macron
term 1.6 Merz
term 0.2 Paris
term -0.2 Poland
term 1.6 Kallas
term 1.6 von der Leyen
term 3.9 SAFE
term 3.1 reset   # seeds 000, 002
term 3.1 future partnership   # seeds 000, 002
term 3.1 future relationship   # seeds 000, 002
term 2.4 partnership paper
term 2.4 position paper
term 2.4 EU ties
term 2.4 EU links
term 2.4 security
term 2.5 defence
term 1.5 military
term 2.4 armed forces
term 0.1 army
term 2.1 intelligence
term 3.1 foreign policy
term 1.8 terrorism
term 1.6 terrorists
term 1.7 police
term 1.3 crime
term -0.1 foreign ministers
term 1.6 Ukraine
term 0.6 sanctions
term 3.1 CSDP
term 1.7 diplomatic service
term 2.4 law enforcement
term 3.9 protect Europe
term 3.9 defend Europe
term 3.9 Europe's security
term 3.9 Europe's defence
term 3.9 security of Europe
term 3.9 defence of Europe
term 3.9 continent's defence
term 1.7 troops
term -0.1 treaty
term -0.1 nuclear deal
term 4.7 Security and Defence Partnership
term 1.8 deploy
term 0.1 missiles
term 2.1 ceasefire
term 0.3 Ukraine talks
term 3.9 security partnership   # seeds 000, 002
term 3.8 security pact   # seeds 000, 002
term 3.9 security treaty   # seeds 000, 002
term 3.9 security cooperation
term 3.9 defence cooperation
term 3.9 European security   # seed 000
term 3.9 UK-EU security   # seed 000
term 3.9 EU security   # seed 000
term 3.2 defence and security
term 3.1 security and defence
term 3.1 military assets
term 1.6 threats
term 3.9 UK France and Germany
term 3.9 UK Germany and France
term 3.9 Britain France and Germany
term 3.9 Britain Germany and France
term 3.9 France Germany and the UK
term 3.9 France Germany and Britain
term 3.9 Germany France and the UK
term 3.9 Germany France and Britain
term 3.9 defence pact
term 3.9 defence treaty
term 3.9 defence deal
term 3.9 defence talks
term 3.1 defence fund
term 1.3 allies
term 1.6 European leaders
term 0.8 Russia
term 0.9 Russian
term -3.2 security council
term -3.2 security conference
term -3.1 food security
term -3.1 energy security
term -3.1 social security
term -2.2 border force
term -2.5 migration
term -2.4 migrants
term -2.4 refugees
term -2.7 trade
term -2.4 customs
term -2.4 tariff
term -2.4 single market
term -2.4 divorce
term -2.4 Irish border
term -2.4 citizens
term -2.4 citizens' rights
term -2.4 passport
term -2.4 visa
term -2.4 Euratom
term -2.4 nuclear power
term -1.6 no deal
term -1.5 supplies
term -1.6 Northern Ireland
term -1.6 election
term -1.6 hate crime
term -1.9 US
term -1.6 Spain
term -1.6 UN
term -1.6 United Nations
term -1.5 Trump
term -3.1 US security guarantees
term -3.1 American security guarantees
term -3.2 bilateral security guarantees
term -1.4 Witkoff
term -1.4 Kushner
term -1.6 Rubio
term -1.5 US envoy
term -1.6 US talks
term -1.6 Trump meeting
term -1.6 US-led talks
term -1.6 US-brokered
term -1.6 Abu Dhabi
term -1.6 Miami
term -2.9 Greenland
term -3.1 Australia
term -3.1 AUKUS
term -3.1 Five Eyes
term -3.3 Venezuela
term -3.9 Syria
term -3.9 Islamic State
term -3.9 ISIL
term -3.9 Daesh
term -2.4 NHS
term -2.4 Gaza
term -2.4 Israel
term -2.4 China
term -2.4 Chinese

# Learned from the labelled items: stems, acronyms and word pairs.
term 3 talks   # in 78 items, 34 wanted
term 2.9 progress   # in 21 items, 11 wanted
term 2.1 pledges   # in 29 items, 14 wanted
term 1.9 reach   # in 22 items, 10 wanted
term 1.9 kyiv   # in 58 items, 25 wanted
term 1.7 meet   # in 93 items, 45 wanted
term 1.6 navigation   # in 6 items, 3 wanted
term 1.4 agree   # in 47 items, 19 wanted
term 1.4 countries security   # in 5 items, 5 wanted
term 1.2 sending troops   # in 12 items, 12 wanted
term 1.1 committed   # in 25 items, 18 wanted
term 1 ground   # in 20 items, 14 wanted
term 1 emmanuel macron   # in 17 items, 10 wanted
term 0.8 prospects   # in 6 items, 3 wanted
term 0.8 four years   # in 10 items, 5 wanted
term 0.7 voting   # in 18 items, 8 wanted
term 0.7 looming   # in 9 items, 4 wanted
term 0.6 gathering   # in 11 items, 5 wanted
term 0.6 ukraine peace   # in 8 items, 4 wanted
term 0.5 leaders meet   # in 7 items, 5 wanted
term 0.4 hosting   # in 15 items, 6 wanted
term 0.4 any peace   # in 4 items, 4 wanted
term 0.3 theresa   # in 6 items, 3 wanted
term 0.2 paris meeting   # in 4 items, 4 wanted
term 0.1 met   # in 15 items, 6 wanted
term 0.1 us backed   # in 5 items, 3 wanted
term 0.1 any ceasefire   # in 4 items, 4 wanted
term -0.5 peaceful   # in 59 items, 38 wanted
