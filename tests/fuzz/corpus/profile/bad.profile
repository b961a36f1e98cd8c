# errors on lines 2, 3, 4, 5, 6, 7, 8 and 9
threshold
field body 2
term x defence
term 2 defence,, army
term 2 Defense
frobnicate 3
require UK! Britain
term 2 a b c d e f g h i
