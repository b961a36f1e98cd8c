# brexit-defence -- trained by `ukeuwatch profile train` on 2026-12-07 from 1409 labelled items
# (148 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl tests/eval/own-2026.jsonl
# Base: seeds/curated/brexit-defence.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv brexit-defence: tp=119 fp=16 fn=29 tn=1245 precision=0.881 recall=0.804 f1=0.841
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
require uk Western allies, Western leaders
require eu Brexit, leave the EU, quit the EU, exit the EU, leave EU, quit EU
require eu British troops, UK troops, coalition of the willing, E3 leaders
require eu E3 countries, E3 ministers, E3 foreign ministers, E3 statement
require eu E3 joint statement, security guarantees, reassurance force
require eu multinational force, peacekeeping force, Paris Declaration
require eu Ukraine's allies, Kyiv's allies, Western allies, Western leaders
require eu peacekeepers, peace-keepers, EU, European Union, Brussels, bloc
require eu Europe, European, Europol, Galileo, European Arrest Warrant
require eu Schengen, Barnier, France, French, Germany, German, Macron, Merz
require eu Paris, Berlin, Poland, Nordic, Kallas, von der Leyen, Kubilius
require eu SAFE
require topic MI6, MI5, coalition of the willing, security guarantees
require topic reassurance force, peacekeepers, Europol, Galileo
require topic European Arrest Warrant, Schengen, SAFE, security, defence
require topic military, armed forces, army, intelligence, foreign policy
require topic terrorism, terrorists, police, crime, sanctions, CSDP
require topic diplomatic service, law enforcement, protect Europe
require topic defend Europe, Europe's security, Europe's defence
require topic security of Europe, defence of Europe, continent's defence
require topic troops, treaty, Security and Defence Partnership, deploy
require topic missiles, ceasefire, truce, peace deal, peace plan

term 1.4 UK
term 0.5 Britain
term 1 British
term 0.8 United Kingdom
term 0.7 London
term 0.1 Downing Street
term 2.9 Brexit
term 1.5 leave the EU
term 1.5 quit the EU
term 1.6 exit the EU
term 1.6 leave EU
term 1.6 quit EU
term -0.4 Foreign Secretary
term 0.1 Home Office
term -0.3 Commons
term 2.3 Starmer
term 2.3 Healey
term 2.2 Lammy
term 2.1 Yvette Cooper
term -0.1 Sunak
term 0.2 Ben Wallace
term 3.1 British troops
term 3 UK troops
term 4.5 coalition of the willing
term -0.1 MPs
term 3.8 E3 leaders
term 3.8 E3 countries
term 3.8 E3 ministers
term 3.8 E3 foreign ministers
term 3.8 E3 statement
term 3.8 E3 joint statement
term 3.9 security guarantees
term 4.6 reassurance force
term 0.4 multinational force
term 2.8 peacekeeping force
term 0.1 Paris Declaration
term 0.1 Ukraine's allies
term -0.2 Western allies
term 0.1 Western leaders
term 2 peacekeepers
term 0.8 EU
term 0.7 European Union
term 0.7 Brussels
term -0.2 bloc
term 0.9 Europe
term 0.9 European
term 3 Europol
term 3.3 Galileo
term 3.1 European Arrest Warrant
term 0.1 Schengen
term 1.5 France
term -0.4 French
term 2 Germany
term -0.2 German
term 1.2 Macron
term 1.6 Merz
term 0.3 Paris
term -0.2 Poland
term 1.5 Kallas
term 1.5 von der Leyen
term 3.8 SAFE
term 3 reset   # seeds 000, 002
term 3 future partnership   # seeds 000, 002
term 3 future relationship   # seeds 000, 002
term 2.3 partnership paper
term 2.3 position paper
term 2.3 EU ties
term 2.3 EU links
term 2.3 security
term 2.4 defence
term 1.3 military
term 2.4 armed forces
term 0.1 army
term 2.1 intelligence
term 3 foreign policy
term 1.7 terrorism
term 1.5 terrorists
term 1.6 police
term 1.3 crime
term 0.5 sanctions
term 3 CSDP
term 1.6 diplomatic service
term 2.4 law enforcement
term 3.8 protect Europe
term 3.8 defend Europe
term 3.8 Europe's security
term 3.8 Europe's defence
term 3.8 security of Europe
term 3.8 defence of Europe
term 3.8 continent's defence
term 1.7 troops
term 4.6 Security and Defence Partnership
term 1.8 deploy
term 0.2 missiles
term 2.1 ceasefire
term 0.1 truce
term 3.8 security partnership   # seeds 000, 002
term 3.7 security pact   # seeds 000, 002
term 3.8 security treaty   # seeds 000, 002
term 3.8 security cooperation
term 3.8 defence cooperation
term 3.8 European security   # seed 000
term 3.8 UK-EU security   # seed 000
term 3.8 EU security   # seed 000
term 3.1 defence and security
term 3 security and defence
term 3 military assets
term 1.5 threats
term 3.8 defence pact
term 3.8 defence treaty
term 3.8 defence deal
term 3.8 defence talks
term 2.1 troops to Ukraine
term 1.3 Ukraine
term 1.4 allies
term 1.6 European leaders
term 0.4 Russia
term 0.9 Russian
term -3.1 security council
term -3.1 security conference
term -3 food security
term -3 energy security
term -3 social security
term -2.1 border force
term -2.4 migration
term -2.3 migrants
term -2.3 refugees
term -2.6 trade
term -2.3 customs
term -2.3 tariff
term -2.3 single market
term -2.3 divorce
term -2.3 Irish border
term -2.3 citizens
term -2.3 citizens' rights
term -2.3 passport
term -2.3 visa
term -2.3 Euratom
term -2.4 nuclear power
term -1.6 no deal
term -1.5 supplies
term -1.5 Northern Ireland
term -1.6 election
term -1.6 hate crime
term -1.5 US
term -1.6 Spain
term -1.6 UN
term -1.5 United Nations
term -1.6 Trump
term -3 US security guarantees
term -3 American security guarantees
term -3.1 bilateral security guarantees
term -2.7 Greenland
term -3 Australia
term -3 AUKUS
term -3 Five Eyes
term -3 Venezuela
term -3.8 Syria
term -3.8 Islamic State
term -3.8 ISIL
term -3.8 Daesh
term -2.3 NHS
term -2.3 Gaza
term -2.3 Israel
term -2.3 China
term -2.3 Chinese

# Learned from the labelled items: stems, acronyms and word pairs.
term 3.4 ukraine talks   # in 8 items, 7 wanted
term 2.4 pledges   # in 29 items, 14 wanted
term 2 agree   # in 47 items, 19 wanted
term 2 meet   # in 92 items, 44 wanted
term 1.9 reach   # in 22 items, 10 wanted
term 1.5 countries security   # in 5 items, 5 wanted
term 1.4 navigation   # in 6 items, 3 wanted
term 1.2 four years   # in 10 items, 5 wanted
term 1.2 ground   # in 20 items, 14 wanted
term 0.9 prospects   # in 6 items, 3 wanted
term 0.9 sending troops   # in 12 items, 12 wanted
term 0.7 ukraine ceasefire   # in 4 items, 4 wanted
term 0.7 looming   # in 9 items, 4 wanted
term 0.6 progress   # in 21 items, 11 wanted
term 0.5 gathering   # in 11 items, 5 wanted
term 0.4 leaders meet   # in 7 items, 5 wanted
term 0.4 met   # in 15 items, 6 wanted
term 0.4 hosting   # in 15 items, 6 wanted
term 0.4 voting   # in 18 items, 8 wanted
term 0.3 any peace   # in 4 items, 4 wanted
term 0.3 theresa   # in 6 items, 3 wanted
term 0.3 us backed   # in 5 items, 3 wanted
term 0.3 committed   # in 25 items, 18 wanted
term 0.3 ready   # in 17 items, 9 wanted
term 0.2 talks   # in 76 items, 32 wanted
term 0.2 french president   # in 19 items, 9 wanted
term 0.1 any ceasefire   # in 4 items, 4 wanted
term 0.1 paris meeting   # in 4 items, 4 wanted
term -0.5 coalition   # in 36 items, 26 wanted
