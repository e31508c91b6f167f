#!/usr/bin/env python3
"""Scores `./vigil nab` results with NAB's own Python scorer, to check Vigil's scorer against it.

NAB's runner optimises one threshold per profile over the corpus, scores, and normalises against
its null detector (0.5 on every row) exactly as NAB's `run.py --optimize --score --normalize` does.
Only the files present under --data are scored, with their windows from --labels.

Needs a checkout of https://github.com/numenta/NAB (its `nab` package and `config/profiles.json`)
and pandas (`apt-get install python3-pandas`). Example:

  ./vigil nab --data ../shared/nab/data --labels ../shared/nab/labels/combined_windows.json \\
      --out /tmp/nab --name vigil
  python3 scripts/nab-crosscheck.py --nab ~/NAB --data ../shared/nab/data \\
      --labels ../shared/nab/labels/combined_windows.json --results /tmp/nab/vigil

Prints NAB's threshold and normalised score for each profile; compare with what `./vigil nab` printed.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile


def data_files(data_dir):
  files = []
  for folder, _, names in os.walk(data_dir):
    for name in names:
      if name.endswith(".csv"):
        files.append(os.path.relpath(os.path.join(folder, name), data_dir))
  return sorted(files)


def main():
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument("--nab", required=True, help="a checkout of numenta/NAB")
  parser.add_argument("--data", required=True, help="the corpus, DIR/<category>/<file>.csv")
  parser.add_argument("--labels", required=True, help="combined_windows.json")
  parser.add_argument("--results", required=True,
                      help="one detector's results, e.g. /tmp/nab/vigil (named after that folder)")
  args = parser.parse_args()

  sys.path.insert(0, os.path.abspath(args.nab))
  import pandas
  from nab.runner import Runner

  detector = os.path.basename(os.path.normpath(args.results))
  files = data_files(args.data)
  with open(args.labels) as f:
    windows = json.load(f)
  unlabelled = [name for name in files if name not in windows]
  if unlabelled:
    sys.exit("no windows in %s for: %s" % (args.labels, ", ".join(unlabelled)))

  work = tempfile.mkdtemp(prefix="nab-crosscheck-")
  try:
    results = os.path.join(work, "results")
    labels = os.path.join(work, "windows.json")
    with open(labels, "w") as f:
      json.dump({name: windows[name] for name in files}, f)
    # NAB's score step writes columns into the results files, so it works on a copy.
    shutil.copytree(args.results, os.path.join(results, detector))
    for name in files:
      folder, base = os.path.split(name)
      scored = os.path.join(results, detector, folder, detector + "_" + base)
      if not os.path.isfile(scored):
        sys.exit("missing results file " + scored)
      rows = pandas.read_csv(os.path.join(args.data, name), dtype=str)
      null = pandas.DataFrame({"timestamp": rows["timestamp"], "value": rows["value"],
                               "anomaly_score": 0.5, "label": 0})
      os.makedirs(os.path.join(results, "null", folder), exist_ok=True)
      null.to_csv(os.path.join(results, "null", folder, "null_" + base), index=False)

    runner = Runner(dataDir=args.data, resultsDir=results, labelPath=labels,
                    profilesPath=os.path.join(args.nab, "config", "profiles.json"),
                    thresholdPath=os.path.join(work, "thresholds.json"), numCPUs=1)
    runner.initialize()
    thresholds = runner.optimize([detector, "null"])
    runner.score([detector, "null"], thresholds)
    runner.normalize()
    runner.pool.close()
    runner.pool.join()
    with open(os.path.join(results, "final_results.json")) as f:
      final = json.load(f)
    for profile, score in sorted(final[detector].items()):
      print("%-20s threshold %-20r score %.4f" % (profile, thresholds[detector][profile]["threshold"], score))
  finally:
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
  main()
