# brexit-defence -- trained by `ukeuwatch profile train` on 2026-12-07 from 1413 labelled items
# (150 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl tests/eval/own-2026.jsonl
# Base: seeds/curated/brexit-defence.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv brexit-defence: tp=126 fp=16 fn=24 tn=1247 precision=0.887 recall=0.840 f1=0.863
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

term 1 UK
term 0.5 Britain
term 1 British
term 0.7 United Kingdom
term 0.6 London
term 2.6 Brexit
term 1.4 leave the EU
term 1.4 quit the EU
term 1.5 exit the EU
term 1.4 leave EU
term 1.5 quit EU
term -0.4 Foreign Secretary
term 0.1 Home Office
term -0.3 Commons
term 2 Starmer
term 2.1 Healey
term 2 Lammy
term 1.8 Yvette Cooper
term -0.1 Sunak
term 0.1 Ben Wallace
term 2.9 British troops
term 2.8 UK troops
term 4 coalition of the willing
term 0.1 MPs
term 3.5 E3 leaders
term 3.5 E3 countries
term 3.5 E3 ministers
term 3.5 E3 foreign ministers
term 3.5 E3 statement
term 3.5 E3 joint statement
term 4 security guarantees
term 4.2 reassurance force
term 0.3 multinational force
term 2.5 peacekeeping force
term 0.1 Ukraine's allies
term -0.1 Kyiv's allies
term -0.2 Western allies
term 1.8 peacekeepers
term 2 troops to Ukraine
term 0.1 troops in Ukraine
term 0.1 Ukraine ceasefire
term 0.7 EU
term 0.6 European Union
term 0.6 Brussels
term -0.2 bloc
term 0.8 Europe
term 0.6 European
term 2.8 Europol
term 3 Galileo
term 2.8 European Arrest Warrant
term 0.1 Schengen
term 1.3 France
term -0.5 French
term 1.8 Germany
term -0.2 German
term 1.1 Macron
term 1.4 Merz
term 0.2 Paris
term -0.2 Poland
term 1.4 Kallas
term 1.4 von der Leyen
term 3.5 SAFE
term 2.8 reset   # seeds 000, 002
term 2.8 future partnership   # seeds 000, 002
term 2.8 future relationship   # seeds 000, 002
term 2.1 partnership paper
term 2.1 position paper
term 2.1 EU ties
term 2.1 EU links
term 2.2 security
term 2.2 defence
term 1.3 military
term 2.2 armed forces
term 0.1 army
term 1.9 intelligence
term 2.7 foreign policy
term 1.6 terrorism
term 1.4 terrorists
term 1.5 police
term 1.1 crime
term -0.1 foreign ministers
term 1.4 Ukraine
term 0.5 sanctions
term 2.8 CSDP
term 1.5 diplomatic service
term 2.2 law enforcement
term 3.5 protect Europe
term 3.5 defend Europe
term 3.5 Europe's security
term 3.5 Europe's defence
term 3.5 security of Europe
term 3.5 defence of Europe
term 3.5 continent's defence
term 1.5 troops
term -0.1 treaty
term -0.1 nuclear deal
term 4.2 Security and Defence Partnership
term 1.6 deploy
term 0.1 missiles
term 1.8 ceasefire
term 0.2 Ukraine talks
term 3.5 security partnership   # seeds 000, 002
term 3.4 security pact   # seeds 000, 002
term 3.5 security treaty   # seeds 000, 002
term 3.5 security cooperation
term 3.5 defence cooperation
term 3.4 European security   # seed 000
term 3.5 UK-EU security   # seed 000
term 3.5 EU security   # seed 000
term 2.8 defence and security
term 2.8 security and defence
term 2.8 military assets
term 1.4 threats
term 3.5 defence pact
term 3.5 defence treaty
term 3.5 defence deal
term 3.5 defence talks
term 2.8 defence fund
term 1.2 allies
term 1.4 European leaders
term 0.7 Russia
term 0.8 Russian
term -2.8 security council
term -2.9 security conference
term -2.8 food security
term -2.8 energy security
term -2.8 social security
term -1.9 border force
term -2.2 migration
term -2.1 migrants
term -2.1 refugees
term -2.4 trade
term -2.1 customs
term -2.1 tariff
term -2.1 single market
term -2.1 divorce
term -2.1 Irish border
term -2.1 citizens
term -2.1 citizens' rights
term -2.1 passport
term -2.1 visa
term -2.1 Euratom
term -2.1 nuclear power
term -1.5 no deal
term -1.3 supplies
term -1.4 Northern Ireland
term -1.4 election
term -1.4 hate crime
term -1.7 US
term -1.4 Spain
term -1.5 UN
term -1.4 United Nations
term -1.3 Trump
term -2.7 US security guarantees
term -2.8 American security guarantees
term -2.8 bilateral security guarantees
term -1.2 Witkoff
term -1.2 Kushner
term -1.4 Rubio
term -1.3 US envoy
term -1.4 US talks
term -1.4 Trump meeting
term -1.4 US-led talks
term -1.4 US-brokered
term -1.4 Abu Dhabi
term -1.4 Miami
term -2.6 Greenland
term -2.8 Australia
term -2.8 AUKUS
term -2.8 Five Eyes
term -2.9 Venezuela
term -3.5 Syria
term -3.5 Islamic State
term -3.5 ISIL
term -3.5 Daesh
term -2.1 NHS
term -2.1 Gaza
term -2.1 Israel
term -2.1 China
term -2.1 Chinese

# Learned from the labelled items: stems, acronyms and word pairs.
term 2.6 talks   # in 78 items, 34 wanted
term 2.5 progress   # in 21 items, 11 wanted
term 1.8 pledges   # in 29 items, 14 wanted
term 1.7 kyiv   # in 58 items, 25 wanted
term 1.6 reach   # in 22 items, 10 wanted
term 1.5 meet   # in 93 items, 45 wanted
term 1.4 navigation   # in 6 items, 3 wanted
term 1.2 countries security   # in 5 items, 5 wanted
term 1.2 agree   # in 47 items, 19 wanted
term 1.1 sending troops   # in 12 items, 12 wanted
term 1 committed   # in 25 items, 18 wanted
term 0.9 ground   # in 20 items, 14 wanted
term 0.9 emmanuel macron   # in 17 items, 10 wanted
term 0.7 prospects   # in 6 items, 3 wanted
term 0.7 four years   # in 10 items, 5 wanted
term 0.6 voting   # in 18 items, 8 wanted
term 0.6 looming   # in 9 items, 4 wanted
term 0.5 gathering   # in 11 items, 5 wanted
term 0.5 ukraine peace   # in 8 items, 4 wanted
term 0.5 leaders meet   # in 7 items, 5 wanted
term 0.3 hosting   # in 15 items, 6 wanted
term 0.3 any peace   # in 4 items, 4 wanted
term 0.2 theresa   # in 6 items, 3 wanted
term 0.2 met   # in 15 items, 6 wanted
term 0.1 paris meeting   # in 4 items, 4 wanted
term 0.1 us backed   # in 5 items, 3 wanted
term -0.3 ready   # in 15 items, 7 wanted
term -0.4 peaceful   # in 59 items, 38 wanted
