#!/usr/bin/env bash
# Packs what a GPU machine without Maven or a JDK needs to run `strata bench train --engine cuda`:
# a jlink'ed JDK 25 image, the CLI jar and the few library jars the training path loads, a launcher,
# and the PyTorch reference script, into target/gpu-pack (about 57 MiB). Before it finishes it runs the
# bundle's own JDK on UMLS (CPU engine, one epoch) to prove it starts.
# Then it compresses the pack and the datasets of the GPU check (FB15k-237 and WN18RR, and UMLS and
# Kinship for DRY_RUN=1) into target/gpu-carry (about 30 MiB), which benchmarks/gpu/device-check.sh
# reads: one device call carries that folder and runs the script.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/gpu-pack"

# the JDK the launcher uses, and an up-to-date CLI build
"$ROOT/strata" --help >/dev/null
JDK=""
for c in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$HOME"/.jdks/*; do
  if [ -n "$c" ] && [ -x "$c/bin/jlink" ] && "$c/bin/java" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)'; then
    JDK="$c"; break
  fi
done
[ -n "$JDK" ] || { echo "pack.sh: no JDK 25 with jlink found (set JAVA_HOME)" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/lib"
"$JDK/bin/jlink" --add-modules java.base,java.logging,jdk.incubator.vector,java.management,java.xml,java.naming,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$OUT/jdk"
cp "$ROOT/cli/target/strata-cli.jar" "$OUT/"
LIB="$ROOT/cli/target/lib"
for j in gpu-backend graph-core structure-rules llm-bridge blas picocli progressbar jline-terminal jline-native \
         slf4j-api logback-classic logback-core gremlin-core jackson-core jackson-databind jackson-annotations; do
  found=("$LIB/$j"-[0-9]*.jar)
  [ -f "${found[0]}" ] || { echo "pack.sh: $j is missing from $LIB" >&2; exit 1; }
  cp "${found[@]}" "$OUT/lib/"
done
cp "$ROOT/benchmarks/pytorch/complex_reference.py" "$OUT/"
cat > "$OUT/strata" <<'LAUNCHER'
#!/usr/bin/env bash
# strata from the GPU pack: its own JDK, its own jars; STRATA_CUDA_LIBS may name the CUDA libraries' folders.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$HERE/jdk/bin/java" -Djava.util.concurrent.ForkJoinPool.common.parallelism=0 --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -XX:+UseParallelGC ${STRATA_JAVA_OPTS:-} -cp "$HERE/strata-cli.jar:$HERE/lib/*" org.strata.cli.Main "$@"
LAUNCHER
chmod +x "$OUT/strata"
"$OUT/strata" bench train --data "$ROOT/../shared/data/kg/umls" --epochs 1 --eval-every 0 --progress none \
  >"$OUT/smoke.txt" 2>&1 || { cat "$OUT/smoke.txt" >&2; echo "pack.sh: the pack does not run" >&2; exit 1; }
rm "$OUT/smoke.txt"
echo "gpu pack: $OUT ($(du -sh "$OUT" | cut -f1))"

DATA="${DATA:-$ROOT/../shared/data/kg}"
CARRY="$ROOT/target/gpu-carry"
rm -rf "$CARRY" "$ROOT/target/gpu-data"
mkdir -p "$CARRY" "$ROOT/target/gpu-data/data"
tar -C "$ROOT/target" -cf - gpu-pack | xz -6 -T0 > "$CARRY/gpu-pack.tar.xz"
for d in fb15k-237 wn18rr umls kinship; do
  mkdir -p "$ROOT/target/gpu-data/data/$d"
  for f in train valid test; do
    [ -f "$DATA/$d/$f.txt" ] || { echo "pack.sh: $DATA/$d/$f.txt is missing (set DATA)" >&2; exit 1; }
    cp "$DATA/$d/$f.txt" "$ROOT/target/gpu-data/data/$d/"
  done
done
tar -C "$ROOT/target/gpu-data" -cf - data | xz -6 -T0 > "$CARRY/data.tar.xz"
rm -rf "$ROOT/target/gpu-data"
echo "gpu carry: $CARRY ($(du -sh "$CARRY" | cut -f1)): device run with carry [\"target/gpu-carry\"] and the command"
echo "  benchmarks/gpu/device-check.sh"
