# a test profile: every keyword
threshold 5
field title 2
field summary 1
field content 0.5
term 3 defence, military          # words
term 4 security partnership       # a phrase
term -2 trade deal
require uk UK, Britain
require eu EU, "European Union"
exclude golf
