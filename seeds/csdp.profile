# csdp -- trained by `ukeuwatch profile train` on 2026-12-07 from 854 labelled items
# (52 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl
# Base: seeds/curated/csdp.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv csdp: tp=43 fp=10 fn=9 tn=792 precision=0.811 recall=0.827 f1=0.819
#
# csdp -- the EU's Common Security and Defence Policy and EU defence
# integration: CSDP missions and operations (EUFOR, EUNAVFOR Atalanta and
# Sophia, EUTM, EUCAP, EULEX), PESCO, the European Defence Fund, an EU army
# or defence union, and the participation of non-members (the UK, Norway)
# in them (GUIDELINE.md).  National militaries acting alone, and UN or NATO
# missions with no EU role, do not count.
#
# Derived with `ukeuwatch profile derive seeds/*.txt`, then curated.
# Seed 002 (FT, Oct 2024): "participate in the EU's Common Security and
# Defence Policy missions", "CSDP operations deploy civilians and troops on
# peacekeeping and conflict prevention missions", "Norway participates".
# Seed 000 (Reuters, Sept 2017): "contribute military assets to EU
# operations", "worked with the EU to tackle piracy off the Horn of Africa".

threshold 6
field title 1.5
field summary 1
field content 0.5

require eu CSDP, PESCO, European Defence Agency, EUFOR, EUNAVFOR, EULEX
require eu EUTM, EUCAP, European Peace Facility, EU, European Union
require eu Brussels, bloc, Europe, European
require topic CSDP, PESCO, EUFOR, EUNAVFOR, EULEX, EUTM, EUCAP, EU army
require topic battlegroup, Strategic Compass, rapid deployment capacity
require topic ReArm Europe, Readiness 2030, EDIP, SAFE, Kubilius, rearm
require topic rearmament, shells, weapons fund, arming Ukraine, ammunition
require topic artillery shells, piracy, peacekeeping, military, defence
require topic armed forces, troops, soldiers, weapons, mission, operation
require topic security, army, naval, coast guard, arms
exclude climate, space mission, trade mission

term 3.8 CSDP   # seed 002
term 3.8 Common Security and Defence Policy   # seed 002
term 3.8 PESCO   # seed 002
term 3.8 Permanent Structured Cooperation
term 3.8 European Defence Fund
term 3.8 European Defence Agency
term 3.8 EUFOR
term 3.8 EUNAVFOR
term 3.8 EULEX
term 3.8 EUTM
term 3.8 EUCAP
term 3.8 Operation Atalanta
term 3.8 Operation Sophia
term 3.8 European Peace Facility
term 3.8 EU army
term 4.5 European army
term 3.8 defence union
term 3.8 European Defence Union
term 3.8 EU military mission
term 3.8 EU naval mission
term 3.8 EU training mission
term 3.8 battlegroup
term 3.8 Strategic Compass
term 3.8 rapid deployment capacity
term 3.3 EU defence
term 3.8 ReArm Europe
term 3.8 Readiness 2030
term 3.8 Security Action for Europe
term 3.8 EDIP
term 3.8 European Defence Industry Programme
term 3.8 defence commissioner
term 3.8 SAFE
term 3.8 Kubilius
term 3.8 Ukraine Assistance Fund
term 3.8 defence readiness
term 2.5 defence spending
term 3.4 defence plan
term 3.1 defence bonds
term 3.1 joint borrowing
term 2.8 rearm
term 3.1 rearmament
term 3 military spending
term 3.1 arms production
term 2.6 joint defence
term 2.6 fiscal rules
term 2.5 escape clause
term 2.9 shells
term 3 European Investment Bank
term 2.6 weapons fund
term 2.5 arming Ukraine
term 2.4 Kallas
term 1.9 High Representative
term 2.3 von der Leyen
term 1 Commission
term 2 European defence
term 2 Europe's defence
term 2.8 defence pact
term 2.6 defence industry
term 2.5 joint procurement
term 2.5 military capabilities
term 2.5 capability development
term 2.5 defence investment
term 2.6 EU operations   # seed 002
term 2.5 civilian missions   # seed 002
term 2.5 peacekeeping missions   # seed 002
term 1.9 naval mission
term 1.9 military mission
term 1.9 training mission
term 0.5 defence ministers
term 1.9 security and defence
term 1.9 defence cooperation
term 1.9 defense partnership
term 1.7 ammunition   # seed 000
term 1.9 artillery shells   # seed 000
term 2 military aid   # seed 000
term 1.9 military assets   # seed 000
term 1.9 piracy   # seed 000
term 1.9 Horn of Africa   # seed 000
term 0.5 peacekeeping
term -1.9 coalition of the willing
term -1.9 British troops
term -1.9 UK troops
term -1.9 reassurance force
term -1.3 NATO summit
term -1.3 spyware
term 0.2 military
term 1.5 defence
term 1.1 armed forces
term 0.6 troops
term 1.3 soldiers
term 1.4 weapons
term 0.6 mission
term 0.9 operation
term 1.1 Ukraine
term -0.8 security
term 2.2 EU
term 0.5 European Union
term 0.1 Brussels
term 0.5 bloc
term -1.1 Europe
term -0.2 European
term 0.5 army
term 1.2 coast guard
term -0.3 arms
term -2 NATO
term -1.3 alliance
term -0.9 UN
term -1.9 United Nations
term -1.9 Pentagon
term -1.3 sanctions
term -1.6 Brexit
term -1.3 leave the EU
term -1.4 UK armed forces
term -0.9 Britain
term -0.7 British
term -0.4 Poland
term -1 Germany
term -0.7 German
term -0.8 Dutch

# Learned from the labelled items: stems, acronyms and word pairs.
term 1.3 chief   # in 36 items, 5 wanted
term 0.9 leaders   # in 88 items, 11 wanted
term 0.8 budget   # in 12 items, 3 wanted
term 0.8 marches   # in 11 items, 6 wanted
term 0.8 downing   # in 23 items, 4 wanted
term 0.7 talks   # in 32 items, 4 wanted
term 0.7 updates   # in 12 items, 4 wanted
term 0.6 policy   # in 22 items, 6 wanted
term 0.6 support   # in 33 items, 6 wanted
term 0.5 part   # in 15 items, 3 wanted
term 0.5 must   # in 21 items, 3 wanted
term 0.5 deal   # in 59 items, 6 wanted
term 0.5 foreign policy   # in 13 items, 4 wanted
term 0.5 niger   # in 5 items, 3 wanted
term 0.5 commissioner   # in 13 items, 5 wanted
term 0.4 war   # in 65 items, 8 wanted
term 0.4 should   # in 22 items, 3 wanted
term 0.4 borrell   # in 6 items, 4 wanted
term 0.4 josep borrell   # in 5 items, 4 wanted
term 0.4 josep   # in 5 items, 4 wanted
term 0.4 policy chief   # in 5 items, 3 wanted
term 0.4 von der   # in 18 items, 5 wanted
term 0.4 der leyen   # in 18 items, 5 wanted
term 0.4 von   # in 18 items, 5 wanted
term 0.4 leyen   # in 18 items, 5 wanted
term 0.4 der   # in 18 items, 5 wanted
term 0.4 foreign   # in 52 items, 6 wanted
term 0.3 additional   # in 7 items, 3 wanted
term 0.3 announced   # in 22 items, 3 wanted
term 0.3 news   # in 15 items, 3 wanted
term 0.3 according   # in 17 items, 4 wanted
term 0.3 officials   # in 49 items, 5 wanted
term 0.3 eu leaders   # in 22 items, 5 wanted
term 0.3 protect   # in 15 items, 3 wanted
term 0.3 decision   # in 21 items, 3 wanted
term 0.3 president   # in 62 items, 6 wanted
term 0.2 kyiv   # in 28 items, 5 wanted
term 0.2 get   # in 30 items, 6 wanted
term 0.1 plan   # in 51 items, 10 wanted
term 0.1 against   # in 60 items, 4 wanted
