# Sourced by ./mvnw and .ci/run (POSIX sh): makes JAVA_HOME point at a JDK whose feature version is
# at least MCPKIT_MIN_JDK (21). Keeps a suitable JAVA_HOME; otherwise looks in the usual JDK homes and
# picks the newest suitable one; fails with a clear message when there is none.
MCPKIT_MIN_JDK=21

mcpkit_jdk_feature() {
  # Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

mcpkit_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(mcpkit_jdk_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$MCPKIT_MIN_JDK" ]; then
      return 0
    fi
  fi
  best=""
  best_v=0
  # Callers such as ./mvnw run with 'set -f'; globbing is needed to list JDK homes.
  case $- in *f*) mcpkit_noglob=1; set +f ;; *) mcpkit_noglob=0 ;; esac
  for home in "${JAVA_HOME-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
      "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -d "$home" ] || continue
    v=$(mcpkit_jdk_feature "$home")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$MCPKIT_MIN_JDK" ] && [ "$v" -gt "$best_v" ]; then
      best=$home
      best_v=$v
    fi
  done
  [ "$mcpkit_noglob" = 0 ] || set -f
  if [ -z "$best" ]; then
    echo "mcpkit: no JDK $MCPKIT_MIN_JDK or newer found (JAVA_HOME='${JAVA_HOME-}')." >&2
    echo "mcpkit: install one (e.g. under /usr/lib/jvm) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

# Maven 3.9's bundled Guice calls sun.misc.Unsafe, which JDK 24+ warns about on every build.
mcpkit_quiet_unsafe_warning() {
  v=$(mcpkit_jdk_feature "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    case " ${MAVEN_OPTS-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  fi
}
