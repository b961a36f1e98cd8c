# sanctions -- sanctions, asset freezes, travel bans, proscriptions and
# terrorist designations imposed, extended, lifted or coordinated by the UK
# or the EU, and UK-EU alignment on them (GUIDELINE.md).  Sanctions by the
# US, the UN or others with no UK or EU part do not count; nor do trade
# tariffs, or "sanctions" in sport and discipline.
#
# Derived with `ukeuwatch profile derive seeds/*.txt`, then curated.
# Seed 001 (UK future partnership paper, Sept 2017): "co-operating on
# worldwide sanctions against states or terrorist organisations", "UK
# proscriptions and asset freezes are the basis of numerous EU sanctions".

threshold 7
field title 1.5
field summary 1
field content 0.5

# The measure itself: one of these must occur.
require measure sanction, asset freeze, freeze assets, frozen assets
require measure froze assets, travel ban, blacklist, restrictive measures
require measure proscribe, proscription
require measure terrorist list, terror list, arms embargo, embargo
require measure oil price cap, price cap on Russian oil, sanctions package
term 4 sanction                              # seed 001: "EU sanctions"
term 4 asset freeze, freeze assets, frozen assets, froze assets
term 4 proscription, proscribe               # seed 001: "UK proscriptions"
term 4 restrictive measures, terrorist list, sanctions package
term 3 travel ban, blacklist, arms embargo, embargo
term 3 oil price cap, price cap on Russian oil
term 1 oligarch, Russian, Russia, Kremlin, Belarus, Iran, North Korea
term 1 Venezuela, regime, junta, Putin, terrorist organisation
term 2 impose, extend, lift, tighten, coordinate, align, next steps
term 3 EU sanctions, UK sanctions, British sanctions, Russia sanctions
term 3 sanctions against Russia, sanctions on Russia, new sanctions
term 3 sanctioned by the EU, sanctioned by the UK, sanctions regime

# Who imposes them: the UK or the EU must be part of it.
require actor EU, European Union, Brussels, bloc, Europe, European
require actor UK, Britain, British, United Kingdom, London, Foreign Office
require actor Whitehall, Downing Street, member states, Western, West
require actor Germany, France, Italy, Spain, Poland, Nordic, Baltic, Hungary
term 2 EU, European Union
term 1 Brussels, bloc, Europe, European, member states
term 0.5 Western, West, Germany, France, Italy, Spain, Poland, Nordic, Baltic
term 0.5 UK, Britain, British, United Kingdom
term 1 Foreign Office

# Others acting alone: counts against.
term -3 US Treasury, Treasury Department, Magnitsky Act, ECOWAS
term -2 US, United States, Washington, Senate, Congress, Trump
term -2 UN, United Nations

# Not the subject: "sanction" as discipline in sport, work and politics,
# regulators' fines, and sanctions breaches tried in US courts.
exclude golf, golfers, Uefa, FIFA, football, doping, cycling, gymnastics
exclude coaches, players, hockey, club, league, athletes, referee
exclude newspaper, columnist, misconduct, disciplinary, lawmaker, MP
exclude fines, breaches, divorce, residency, visa, FBI
exclude online harms, tech bosses, government-sanctioned
