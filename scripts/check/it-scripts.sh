#!/usr/bin/env bash
# Compiles every Groovy script of the integration tests (src/it/*/*.groovy) with the Groovy that maven-invoker-plugin
# runs them with, on the class path it gives them (the test classes and the test dependencies), and runs none of them:
# a script that no longer compiles, or imports what the class path does not hold, fails here in seconds.
#
#   scripts/check/it-scripts.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# maven-invoker-plugin 3.10.1's
groovy_version=4.0.31
out="${project}/target/it-scripts"

cd "${project}"
mkdir -p "${out}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="${out}/classpath"
groovy=""
for module in groovy groovy-json groovy-xml; do
  jar="${out}/${module}-${groovy_version}.jar"
  [[ -f "${jar}" ]] || ./mvnw -q -B dependency:copy -Dartifact="org.apache.groovy:${module}:${groovy_version}" -DoutputDirectory="${out}"
  groovy+="${jar}:"
done

# shellcheck disable=SC2016
java -cp "${groovy}target/test-classes:target/classes:$(cat "${out}/classpath")" groovy.ui.GroovyMain -e '
import org.codehaus.groovy.control.CompilationFailedException
List<String> failed = []
args.each { String path ->
    try {
        new GroovyClassLoader(getClass().classLoader).withCloseable { it.parseClass(new File(path)) }
    } catch (CompilationFailedException e) {
        failed << path
        System.err.println(e.message)
    }
}
println "${args.length - failed.size()} of ${args.length} integration test scripts compile"
System.exit(failed ? 1 : 0)
' src/it/*/*.groovy
