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

# The names of the policy and its instruments say it all.
term 6 CSDP, Common Security and Defence Policy, PESCO      # seed 002
term 6 Permanent Structured Cooperation, European Defence Fund
term 6 European Defence Agency, EUFOR, EUNAVFOR, EULEX, EUTM, EUCAP
term 6 Operation Atalanta, Operation Sophia, European Peace Facility
term 6 EU army, European army, defence union, European Defence Union
term 6 EU military mission, EU naval mission, EU training mission
term 6 battlegroup, Strategic Compass, rapid deployment capacity
term 5 EU defence
# EU operations and projects of 2024-26 by name (guideline: EU missions and
# the Commission's defence plans; UK participation in SAFE or the May 2025
# Security and Defence Partnership is csdp as well as brexit-defence).
term 6 Aspides, Operation Irini, EUNAVFOR Aspides, drone wall
term 5 Eastern Flank Watch, European Sky Shield, Red Sea mission
term 5 Security and Defence Partnership, naval operation
term 4 defence deal, defence talks, security cooperation
# Guideline, "Events since 2024": EU defence finance and industry.
term 6 ReArm Europe, Readiness 2030, Security Action for Europe, EDIP
term 6 European Defence Industry Programme, defence commissioner
term 6 SAFE, Kubilius, Ukraine Assistance Fund, defence readiness
term 5 defence spending, defence plan, defence bonds, joint borrowing
term 5 rearm, rearmament, military spending, arms production
term 4 joint defence, fiscal rules, escape clause
term 4 shells, European Investment Bank, weapons fund, arming Ukraine
term 3 Kallas, High Representative, von der Leyen, Commission
term 3 European defence, Europe's defence
term 4 defence pact, defence industry, joint procurement
term 4 military capabilities, capability development, defence investment
term 4 EU operations, civilian missions, peacekeeping missions  # seed 002
term 3 naval mission, military mission, training mission, defence ministers
term 3 security and defence, defence cooperation, defense partnership
term 3 ammunition, artillery shells, military aid, military assets # seed 000
term 3 piracy, Horn of Africa                                # seed 000
term 1 peacekeeping
# A force for Ukraine outside EU structures is brexit-defence, not csdp.
term -3 coalition of the willing, British troops, UK troops, reassurance force
term -2 NATO summit, spyware
# "The bloc" is not always the EU: BRICS naval drills are not EU defence.
term -4 Brics, China, Chinese
# US defence budgets and markets are not EU defence (guideline: a US or
# national decision with no EU instrument).
term -3 Trump, US military, military budget, stocks, shares
term 2 military, defence, armed forces, troops, soldiers, weapons
term 1 mission, operation, Ukraine, security

# It has to be the EU's: an EU institution or instrument named, not
# "Europe" at large (guideline: general calls that Europe must defend
# itself, naming no EU instrument or decision, are no label).  Not
# "Commission" or "SAFE" alone: on real traffic those were a Royal
# Commission, the FCC, an Indian ship commissioned and a US "SAFE Chips
# Act" (bench/corpus-noise.md).
require eu EU, European Union, Brussels, bloc, European Commission
require eu von der Leyen, Kallas, Kubilius, European Council
require eu European Parliament, MEPs, ReArm Europe, Readiness 2030
require eu Security Action for Europe, EDIP, European Defence Fund
require eu Strategic Compass, drone wall, Eastern Flank Watch
require eu EU army, European army, defence union, European Defence Union
require eu CSDP, PESCO, EUFOR, EUNAVFOR, EULEX, EUTM, EUCAP
require eu European Peace Facility, European Defence Agency
term 1 EU
term 0.5 European Union, Brussels, bloc

# And about defence or security: a mission, an army, arms.
require topic CSDP, PESCO, EUFOR, EUNAVFOR, EULEX, EUTM, EUCAP, EU army
require topic battlegroup, Strategic Compass, rapid deployment capacity
require topic defence, military, mission, operation, army, troops
require topic ammunition, artillery shells, peacekeeping, piracy, weapons
require topic soldiers, armed forces, naval, coast guard, security
require topic ReArm Europe, Readiness 2030, SAFE, EDIP, Kubilius, rearm
require topic rearmament, shells, arming Ukraine, weapons fund, arms

# Not EU defence: NATO or the UN on their own, and "missions" of other kinds.
term -3 NATO, alliance, UN, United Nations, Pentagon
term -2 sanctions, Brexit, leave the EU, UK armed forces
term -1 Britain, British, Poland, Germany, German, Dutch
# A national defence budget or arms maker is not EU defence (guideline).
term -1 Greece, Greek, Italy, Italian, Spain, Spanish, UK
exclude climate, space mission, trade mission
