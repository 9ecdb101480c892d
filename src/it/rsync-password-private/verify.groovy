String intruder = new File(basedir, 'intruder.log').text
assert intruder.contains('access denied') || intruder.contains('@ERROR'): intruder
return true
