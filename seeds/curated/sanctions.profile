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
#
# How the score is built: the measure (about 4), plus who imposes it (the
# EU or the UK named: 2-3; a member state or "the West": 1), plus whom it
# hits (a state or regime UK and EU measures target: 2), less any sign that
# someone else is the actor (the US, the UN, another country: -1.5 to -4)
# or that "sanction" means a penalty at home (-3).  With titles at 1.5 and
# a threshold of 8, "EU extends sanctions on Russia" passes from the
# headline alone; "US imposes sanctions on Russia", or an EU firm worried
# by "U.S. sanctions", does not.

threshold 8
field title 1.5
field summary 1
field content 0.5

# The measure itself: one of these must occur.
require measure sanction, asset freeze, freeze assets, frozen assets
require measure froze assets, travel ban, blacklist
require measure restrictive measures, proscribe, proscription
require measure terrorist list, terror list, designate as terrorist
require measure arms embargo, embargo, oil price cap, price cap on Russian oil
require measure frozen Russian, freeze Russian, seized Russian assets
# Guideline, "Events since 2024": frozen Russian assets and the loans built
# on them, shadow-fleet designations, bans on Russian oil or LNG adopted as
# restrictive measures, and enforcement (OFSI).
require measure Russian assets, immobilised assets, reparations loan
# The same assets by their full name ("profits from immobilized Russian
# central bank assets"; -ize and -ise spellings are one term).
require measure immobilised Russian, central bank assets
require measure shadow fleet, entry ban, oil ban, LNG ban, OFSI
require measure sanctions package, price cap
# Guideline: shadow-fleet measures under their other names.
require measure shadow oil fleet, dark fleet
# Guideline: loans built on the frozen assets count (the G7's $50bn Ukraine
# loan, the EU's EUR 35bn share of it, the reparations loan and its "assets
# plan"); so do bans on Russian oil, gas or LNG adopted as restrictive
# measures, and export or import bans.  A loan to Ukraine is not a measure
# by itself: the EU's 2026 loan is joint borrowing, blocked by Hungary, with
# no frozen asset behind it (own-2026p), so it counts only beside the assets.
require measure assets plan, freezing its assets
require measure ban on Russian LNG, ban on Russian oil, export ban, import ban
require measure gas ban, ban on Russian gas
term 4 sanction                              # seed 001: "EU sanctions"
term 4 asset freeze, freeze assets, frozen assets, froze assets
term 4 proscription, proscribe  # seed 001: "UK proscriptions"
term 4 restrictive measures, terrorist list, terror list
term 4 designate as terrorist
term 3 travel ban, blacklist, arms embargo, oil price cap
term 3 price cap on Russian oil, frozen Russian, freeze Russian
term 3 seized Russian assets
term 2 embargo
term 2 sanctions package, sanctions regime, sanctions list
term 4 shadow fleet, Russian assets, immobilised assets, reparations loan
term 4 immobilised Russian
term 3 central bank assets
term 4 entry ban, oil ban, LNG ban, OFSI, price cap
term 3 assets plan, freezing its assets
term 1 Ukraine loan, loan for Ukraine, loan to Ukraine
term 3 ban on Russian LNG, ban on Russian oil, export ban, import ban
term 3 gas ban, ban on Russian gas
# Guideline: the UK or the EU lifting sanctions is sanctions news too.
term 3 lift sanctions, suspend sanctions, ease sanctions, sanctions relief
term 2 tankers, LNG, package

# Whom they hit: the states, regimes and groups that UK and EU measures
# target.  They also tell foreign-policy sanctions from "sanction" in the
# sense of approve or discipline.
term 2 Russia, Russian, Kremlin, Moscow, oligarch, Belarus, Iran
term 2 North Korea, Pyongyang, Syria, Venezuela, Myanmar, Hamas, Hezbollah
term 2 regime, junta, terrorist organisation, human rights abuses
# UK and EU measures on violent Israeli settlers and their outposts, a
# standing regime since 2024 (own-2024-25c's and own-2026p's readers
# labelled them; the guideline's rule is who imposes, not on whom).
term 2 Israeli settlers, violent settlers, settler, settlements
term 2 Ben-Gvir, Smotrich
term 1 impose, extend, lift, tighten, coordinate, align, renew

# Who imposes them: the UK or the EU must be part of it.
require actor EU, European Union, Brussels, bloc, Europe, European
require actor UK, Britain, British, United Kingdom, London, Foreign Office
require actor Whitehall, Downing Street, member states, Western, the West
require actor Germany, France, Italy, Spain, Poland, Nordic, Baltic
require actor Hungary, Netherlands, Czech, Lithuania, Estonia, Latvia
# The rest of the member states, the G7 (the UK and the EU are in it: the
# frozen-asset loans are its decision), and the people who speak for the UK
# and the EU on sanctions (guideline, "Events since 2024").
require actor Belgium, Belgian, Sweden, Swedish, Finland, Finnish, Denmark
require actor Danish, Austria, Slovakia, Greece, Ireland, Portugal, Romania
require actor G7, coalition of the willing, Western allies
require actor Macron, Merz, Merkel, Scholz, Starmer, Boris Johnson, Sunak
require actor Lammy, Kallas, von der Leyen, Borrell
term 3 EU sanctions, UK sanctions, British sanctions, European sanctions
term 3 sanctioned by the EU, sanctioned by the UK, EU blacklist
term 2 EU, European Union, UK, Britain, United Kingdom
term 2 Foreign Office, foreign ministers, member states
term 1 British, Brussels, bloc, Europe, European, Whitehall, Downing Street
term 1 Western, the West, G7, Nordic, Baltic
term 1 Germany, France, Italy, Spain, Poland, Hungary, Netherlands, Czech
term 1 Lithuania, Estonia, Latvia
# Acting together with the UK or the EU: coordinated measures count.
term 3 UK and US, US and UK, EU and US, US and EU, UK and EU, EU and UK

# Someone else is the actor: the US, the UN, a regional bloc, the target
# itself hitting back.
term -3 US sanctions, American sanctions, Treasury sanctions
term -3 Ukrainian sanctions, Chinese sanctions, Japanese sanctions
term -3 Canadian sanctions, Australian sanctions, Swiss sanctions
term -3 Washington sanctions, Washington imposes
term -3 US lifts, Washington lifts
term -3 US imposes, US slaps, US targets, US blacklists
term -4 Magnitsky Act, ECOWAS, African Union, counter-sanctions
term -3 FBI, Justice Department, Switzerland, Swiss
term -3 Treasury Department, State Department, Senate, Congress
term -1.5 US, United States, Washington, White House
term -2 UN, United Nations, Security Council, China, Chinese, Japan
term -2 retaliate, response to sanctions
# Sanctions threatened against the UK or the EU, and seizures by others,
# are not UK or EU measures (guideline).
term -5 sanctions against the UK, sanctions on the UK, sanctions on Britain
# Guideline: sanctions threatened or imposed *against* the UK or the EU by
# another state (Russia's retaliatory bans on British officials) are not.
term -5 sanctions on British, sanctions against British, Russia slaps
term -5 Russia imposes, Moscow imposes, Moscow slaps, retaliatory sanctions
term -5 sanctions against Britain, sanctions against the EU, sanctions on the EU
term -3 US seizes, seized by the US, US forces, Coast Guard
term -3 flagged tanker, tanker seizure, oil blockade, Hegseth, Pentagon
term -3 US seizure, under US sanctions
# Guideline: a group described as proscribed, in passing, is no label
# ("Hamas, which is proscribed as a terrorist group in the UK").
term -4 which is proscribed, is proscribed as
term -5 threatened with sanctions, threatens the UK, threatens Britain

# Not the subject: "sanction" as discipline in sport, work and the courts,
# regulators' fines, bans on imports or on people in general.
exclude golf, golfers, Uefa, FIFA, football, doping, cycling, gymnastics
exclude coaches, players, hockey, football club, league, athletes, referee
exclude misconduct, disciplinary, regulator, fined, newspaper, columnist

# "Sanction" at home: penalties by regulators, parliaments, councils and
# employers, on platforms, politicians and developers.
term -3 Twitter, social media, Facebook, Google, tech companies, platforms
term -3 lawmaker, misleading, standards committee, privileges committee
term -3 suspended, suspension, planning permission
term -3 councils, housing, development, boycott, divestment
term -3 breach, penalty, divorce, fraud
term -2 court
term -3 club                    # a sports club; a biker club is not excluded
exclude government-sanctioned, state-sanctioned   # "approved by"
