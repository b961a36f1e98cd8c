# csdp -- trained by `ukeuwatch profile train` on 2026-12-07 from 1413 labelled items
# (53 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl tests/eval/own-2026.jsonl
# Base: seeds/curated/csdp.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv csdp: tp=49 fp=9 fn=4 tn=1351 precision=0.845 recall=0.925 f1=0.883
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

term 5.8 CSDP   # seed 002
term 5.8 Common Security and Defence Policy   # seed 002
term 5.8 PESCO   # seed 002
term 5.8 Permanent Structured Cooperation
term 5.8 European Defence Fund
term 5.8 European Defence Agency
term 5.8 EUFOR
term 5.8 EUNAVFOR
term 5.8 EULEX
term 5.8 EUTM
term 5.8 EUCAP
term 5.8 Operation Atalanta
term 5.8 Operation Sophia
term 5.8 European Peace Facility
term 5.8 EU army
term 5.9 European army
term 5.8 defence union
term 5.8 European Defence Union
term 5.8 EU military mission
term 5.8 EU naval mission
term 5.8 EU training mission
term 5.8 battlegroup
term 5.8 Strategic Compass
term 5.8 rapid deployment capacity
term 4.9 EU defence
term 5.8 Aspides
term 5.8 Operation Irini
term 5.8 EUNAVFOR Aspides
term 5.8 drone wall
term 4.8 Eastern Flank Watch
term 4.8 European Sky Shield
term 4.9 Red Sea mission
term 4.8 Security and Defence Partnership
term 4.8 naval operation
term 3.9 defence deal
term 3.9 defence talks
term 3.9 security cooperation
term 5.8 ReArm Europe
term 5.8 Readiness 2030
term 5.8 Security Action for Europe
term 5.8 EDIP
term 5.8 European Defence Industry Programme
term 5.8 defence commissioner
term 5.8 SAFE
term 5.8 Kubilius
term 5.8 Ukraine Assistance Fund
term 5.8 defence readiness
term 4.7 defence spending
term 4.9 defence plan
term 4.8 defence bonds
term 4.8 joint borrowing
term 4.8 rearm
term 4.8 rearmament
term 4.8 military spending
term 4.8 arms production
term 3.9 joint defence
term 3.9 fiscal rules
term 3.9 escape clause
term 3.9 shells
term 3.9 European Investment Bank
term 3.9 weapons fund
term 3.9 arming Ukraine
term 3 Kallas
term 2.9 High Representative
term 3 von der Leyen
term 2.8 Commission
term 3 European defence
term 2.9 Europe's defence
term 3.9 defence pact
term 3.9 defence industry
term 3.9 joint procurement
term 3.9 military capabilities
term 3.9 capability development
term 3.9 defence investment
term 3.9 EU operations   # seed 002
term 3.9 civilian missions   # seed 002
term 3.9 peacekeeping missions   # seed 002
term 2.9 naval mission
term 2.9 military mission
term 2.9 training mission
term 2.8 defence ministers
term 2.9 security and defence
term 2.9 defence cooperation
term 2.9 defense partnership
term 3 ammunition   # seed 000
term 2.9 artillery shells   # seed 000
term 2.9 military aid   # seed 000
term 2.9 military assets   # seed 000
term 2.9 piracy   # seed 000
term 2.9 Horn of Africa   # seed 000
term 0.8 peacekeeping
term -2.9 coalition of the willing
term -2.9 British troops
term -2.9 UK troops
term -2.9 reassurance force
term -1.9 NATO summit
term -2 spyware
term -3.9 Brics
term -3.9 China
term -3.9 Chinese
term -3.1 Trump
term -2.9 US military
term -2.9 military budget
term -2.9 stocks
term -2.9 shares
term 1.6 military
term 2.1 defence
term 1.9 armed forces
term 1.7 troops
term 1.9 soldiers
term 2 weapons
term 1 mission
term 0.9 operation
term 1.1 Ukraine
term 0.6 security
term 1.6 EU
term 0.5 European Union
term 0.5 Brussels
term 0.6 bloc
term -0.4 Europe
term -0.1 European
term 0.1 army
term 0.2 coast guard
term -2.9 NATO
term -2.8 alliance
term -2.7 UN
term -2.9 United Nations
term -2.9 Pentagon
term -1.9 sanctions
term -2 Brexit
term -1.9 leave the EU
term -1.9 UK armed forces
term -1 Britain
term -1 British
term -0.9 Poland
term -1.1 Germany
term -1 German
term -1 Dutch
term -1 Greece
term -0.9 Greek
term -0.9 Italy
term -1 Italian
term -1 Spain
term -1 Spanish
term -1 UK

# Learned from the labelled items: stems, acronyms and word pairs.
term 1.1 marches   # in 11 items, 6 wanted
term 0.7 borrell   # in 6 items, 4 wanted
term 0.7 josep borrell   # in 5 items, 4 wanted
term 0.5 niger   # in 6 items, 3 wanted
term 0.4 policy chief   # in 7 items, 3 wanted
term 0.4 procure   # in 4 items, 4 wanted
term 0.3 russia invasion   # in 9 items, 4 wanted
term 0.3 additional   # in 7 items, 3 wanted
term 0.2 commission president   # in 7 items, 3 wanted
term 0.1 artillery   # in 4 items, 4 wanted
