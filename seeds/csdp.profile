# csdp -- trained by `ukeuwatch profile train` on 2026-12-07 from 1413 labelled items
# (53 wanted): tests/eval/dev.jsonl tests/eval/dev2.jsonl tests/eval/dev3.jsonl tests/eval/own-2026.jsonl
# Base: seeds/curated/csdp.profile; at most 40 terms, C 1.  Edit the base and train again,
# rather than this file.
# cv csdp: tp=46 fp=9 fn=7 tn=1351 precision=0.836 recall=0.868 f1=0.852
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

term 6.6 CSDP   # seed 002
term 6.6 Common Security and Defence Policy   # seed 002
term 6.6 PESCO   # seed 002
term 6.6 Permanent Structured Cooperation
term 6.6 European Defence Fund
term 6.6 European Defence Agency
term 6.6 EUFOR
term 6.6 EUNAVFOR
term 6.6 EULEX
term 6.6 EUTM
term 6.6 EUCAP
term 6.6 Operation Atalanta
term 6.6 Operation Sophia
term 6.6 European Peace Facility
term 6.6 EU army
term 6.7 European army
term 6.6 defence union
term 6.6 European Defence Union
term 6.6 EU military mission
term 6.6 EU naval mission
term 6.6 EU training mission
term 6.6 battlegroup
term 6.6 Strategic Compass
term 6.6 rapid deployment capacity
term 5.5 EU defence
term 6.6 Aspides
term 6.6 Operation Irini
term 6.6 EUNAVFOR Aspides
term 6.6 drone wall
term 5.5 Eastern Flank Watch
term 5.5 European Sky Shield
term 5.5 Red Sea mission
term 5.5 Security and Defence Partnership
term 5.5 naval operation
term 4.4 defence deal
term 4.4 defence talks
term 4.4 security cooperation
term 6.6 ReArm Europe
term 6.6 Readiness 2030
term 6.6 Security Action for Europe
term 6.6 EDIP
term 6.6 European Defence Industry Programme
term 6.6 defence commissioner
term 6.6 SAFE
term 6.6 Kubilius
term 6.6 Ukraine Assistance Fund
term 6.6 defence readiness
term 5.3 defence spending
term 5.5 defence plan
term 5.5 defence bonds
term 5.5 joint borrowing
term 5.4 rearm
term 5.5 rearmament
term 5.5 military spending
term 5.5 arms production
term 4.5 joint defence
term 4.4 fiscal rules
term 4.4 escape clause
term 4.5 shells
term 4.5 European Investment Bank
term 4.4 weapons fund
term 4.4 arming Ukraine
term 3.4 Kallas
term 3.3 High Representative
term 3.4 von der Leyen
term 3.1 Commission
term 3.4 European defence
term 3.3 Europe's defence
term 4.4 defence pact
term 4.4 defence industry
term 4.4 joint procurement
term 4.4 military capabilities
term 4.4 capability development
term 4.4 defence investment
term 4.4 EU operations   # seed 002
term 4.4 civilian missions   # seed 002
term 4.4 peacekeeping missions   # seed 002
term 3.3 naval mission
term 3.3 military mission
term 3.3 training mission
term 3.1 defence ministers
term 3.3 security and defence
term 3.3 defence cooperation
term 3.3 defense partnership
term 3.4 ammunition   # seed 000
term 3.3 artillery shells   # seed 000
term 3.3 military aid   # seed 000
term 3.3 military assets   # seed 000
term 3.3 piracy   # seed 000
term 3.3 Horn of Africa   # seed 000
term 0.9 peacekeeping
term -3.3 coalition of the willing
term -3.3 British troops
term -3.3 UK troops
term -3.3 reassurance force
term -2.2 NATO summit
term -2.2 spyware
term -4.4 Brics
term -4.4 China
term -4.4 Chinese
term -3.5 Trump
term -3.3 US military
term -3.3 military budget
term -3.3 stocks
term -3.3 shares
term 1.8 military
term 2.3 defence
term 2.2 armed forces
term 2 troops
term 2.2 soldiers
term 2.3 weapons
term 1.1 mission
term 1 operation
term 1.2 Ukraine
term 0.7 security
term 1.8 EU
term 0.5 European Union
term 0.5 Brussels
term 0.6 bloc
term -0.4 Europe
term -0.2 European
term 0.1 army
term 0.2 coast guard
term -3.3 NATO
term -3.2 alliance
term -3.1 UN
term -3.3 United Nations
term -3.3 Pentagon
term -2.2 sanctions
term -2.3 Brexit
term -2.2 leave the EU
term -2.2 UK armed forces
term -1.1 Britain
term -1.1 British
term -1 Poland
term -1.2 Germany
term -1.1 German
term -1.1 Dutch
term -1.1 Greece
term -1 Greek
term -1.1 Italy
term -1.1 Italian
term -1.1 Spain
term -1.1 Spanish
term -1.2 UK

# Learned from the labelled items: stems, acronyms and word pairs.
term 1.2 marches   # in 11 items, 6 wanted
term 0.8 borrell   # in 6 items, 4 wanted
term 0.8 josep borrell   # in 5 items, 4 wanted
term 0.6 niger   # in 6 items, 3 wanted
term 0.5 policy chief   # in 7 items, 3 wanted
term 0.4 procure   # in 4 items, 4 wanted
term 0.4 russia invasion   # in 9 items, 4 wanted
term 0.3 additional   # in 7 items, 3 wanted
term 0.2 commission president   # in 7 items, 3 wanted
term 0.1 artillery   # in 4 items, 4 wanted
