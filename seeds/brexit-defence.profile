# brexit-defence -- trained by `ukeuwatch profile train` on 2026-12-07 from 854 labelled items
# (61 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl
# Base: seeds/curated/brexit-defence.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv brexit-defence: tp=46 fp=6 fn=15 tn=787 precision=0.885 recall=0.754 f1=0.814
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
require topic MI6, MI5, coalition of the willing, E3, Europol, Galileo
require topic European Arrest Warrant, Schengen, SAFE, reassurance force
require topic security, defence, military, armed forces, army, intelligence
require topic foreign policy, terrorism, terrorists, police, crime
require topic sanctions, CSDP, diplomatic service, law enforcement
require topic protect Europe, defend Europe, Europe's security
require topic Europe's defence, security of Europe, defence of Europe
require topic continent's defence, troops, peacekeeping, treaty
require topic security guarantees, Security and Defence Partnership, deploy
require topic missiles

term 2.1 UK
term 0.4 Britain
term 1.7 British
term 1.1 United Kingdom
term 0.9 London
term 0.1 Downing Street
term 3.3 Brexit
term 2.1 leave the EU
term 2.3 quit the EU
term 2.3 exit the EU
term 2.3 leave EU
term 2.4 quit EU
term 0.2 Home Secretary
term -1.5 Foreign Secretary
term 0.1 MI6
term 0.2 Home Office
term -0.5 Commons
term -0.1 Westminster
term 3.4 Starmer
term 3.4 Healey
term 3.1 Lammy
term 3.4 Yvette Cooper
term -0.3 Sunak
term 0.5 Ben Wallace
term 4.5 British troops
term 4.5 UK troops
term 6.8 coalition of the willing
term 5.6 E3
term 0.2 MPs
term 1 EU
term 1 European Union
term 1 Brussels
term -1 bloc
term 1.1 Europe
term 1 European
term 4.5 Europol
term 4.9 Galileo
term 4.5 European Arrest Warrant
term 0.2 Schengen
term 1.9 France
term 3.1 Germany
term -0.2 German
term 1.6 Macron
term 2.3 Merz
term -0.2 Paris
term -0.4 Poland
term 2.3 Kallas
term 2.3 von der Leyen
term 5.6 SAFE
term 6.8 reassurance force
term 4.5 reset   # seeds 000, 002
term 4.5 future partnership   # seeds 000, 002
term 4.5 future relationship   # seeds 000, 002
term 3.4 partnership paper
term 3.4 position paper
term 3.4 EU ties
term 3.4 EU links
term 3.7 security
term 3.7 defence
term 2.3 military
term 3.4 armed forces
term 0.5 army
term 3.3 intelligence
term 4.3 foreign policy
term 2.6 terrorism
term 2.3 terrorists
term 2.5 police
term 2.2 crime
term 1.6 sanctions
term 4.5 CSDP
term 2.3 diplomatic service
term 3.5 law enforcement
term 5.7 protect Europe
term 5.6 defend Europe
term 5.6 Europe's security
term 5.6 Europe's defence
term 5.6 security of Europe
term 5.6 defence of Europe
term 5.6 continent's defence
term 2.3 troops
term 3 peacekeeping
term 6.8 security guarantees
term 6.8 Security and Defence Partnership
term 2.3 deploy
term 0.5 missiles
term 5.7 security partnership   # seeds 000, 002
term 4.8 security pact   # seeds 000, 002
term 5.6 security treaty   # seeds 000, 002
term 5.6 security cooperation
term 5.6 defence cooperation
term 5.7 European security   # seed 000
term 5.6 UK-EU security   # seed 000
term 5.6 EU security   # seed 000
term 4.6 defence and security
term 4.5 security and defence
term 4.5 military assets
term 2.3 threats
term 5.6 defence pact
term 5.6 defence treaty
term 5.6 defence deal
term 5.6 defence talks
term 4.5 peacekeeping force
term 3.4 troops to Ukraine
term 1.8 Ukraine
term 2.3 ceasefire
term 2.3 allies
term 2.1 European leaders
term 0.9 Russia
term 1.7 Russian
term -4.7 security council
term -4.7 security conference
term -4.5 food security
term -4.5 energy security
term -4.5 social security
term -3 border force
term -3.8 migration
term -3.4 migrants
term -3.4 refugees
term -4.4 trade
term -3.4 customs
term -3.4 tariff
term -3.4 single market
term -3.4 divorce
term -3.4 Irish border
term -3.4 citizens
term -3.4 citizens' rights
term -3.5 passport
term -3.4 visa
term -3.4 Euratom
term -3.4 nuclear power
term -2.5 no deal
term -2.2 supplies
term -2.3 Northern Ireland
term -2.3 election
term -2.4 hate crime
term -2.5 US
term -2.3 Spain
term -2.4 UN
term -2.3 United Nations
term -1.9 Trump
term -4.5 Greenland
term -4.5 Australia
term -4.5 AUKUS
term -4.5 Five Eyes
term -3.4 NHS
term -3.4 Gaza
term -3.4 Israel
term -3.4 China
term -3.4 Chinese

# Learned from the labelled items: stems, acronyms and word pairs.
term 1 future   # in 19 items, 6 wanted
term 0.9 country   # in 59 items, 8 wanted
term 0.6 talks   # in 32 items, 7 wanted
term 0.5 system   # in 14 items, 5 wanted
term 0.4 home   # in 15 items, 4 wanted
term 0.4 access   # in 10 items, 5 wanted
term 0.3 post   # in 21 items, 3 wanted
term 0.3 post brexit   # in 12 items, 3 wanted
term 0.3 force   # in 39 items, 7 wanted
term 0.3 information   # in 8 items, 3 wanted
term 0.3 minister   # in 103 items, 12 wanted
term 0.3 satellite   # in 5 items, 3 wanted
term 0.3 navigation   # in 4 items, 3 wanted
term 0.2 setting   # in 20 items, 3 wanted
term 0.2 policy   # in 22 items, 6 wanted
term 0.2 told   # in 22 items, 3 wanted
term 0.2 any   # in 9 items, 4 wanted
term 0.2 top   # in 22 items, 4 wanted
term 0.1 once   # in 7 items, 4 wanted
term 0.1 street   # in 6 items, 3 wanted
term 0.1 between   # in 19 items, 3 wanted
term 0.1 seeks   # in 14 items, 3 wanted
term 0.1 justice   # in 6 items, 3 wanted
term 0.1 call   # in 52 items, 9 wanted
term 0.1 ties   # in 17 items, 3 wanted
term 0.1 committed   # in 10 items, 6 wanted
term 0.1 taking   # in 18 items, 4 wanted
term 0.1 relationship   # in 11 items, 3 wanted
term 0.1 backs   # in 38 items, 4 wanted
term 0.1 pledges   # in 19 items, 4 wanted
term -0.1 get   # in 30 items, 3 wanted
