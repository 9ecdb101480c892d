String log = new File(basedir, 'build.log').text
def quota = log =~ /(?m)^\[INFO\] (-1|max|\d+) (\d+)$/
assert quota.find(): "the build container printed its CPU quota and period:\n${log}"
assert !(quota.group(1) in ['-1', 'max']): 'the build container has a CPU limit'
assert Long.parseLong(quota.group(1)) * 2 == Long.parseLong(quota.group(2)): "half a CPU: quota ${quota.group(1)}, period ${quota.group(2)}"
return true
