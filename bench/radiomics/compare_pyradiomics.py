#!/usr/bin/env python3
"""Whole-process time of `drs extract` against pyradiomics, side by side in one run.

Both programs extract the same 851 features (shape, Original and the 8 coif1 wavelet images, bin
width 25, label 1) from the same image and mask, started as separate processes in turn
(drs, pyradiomics, drs, pyradiomics, ...), so a drifting machine load affects both alike. Each
run's wall time is a monotonic clock around the child process; CPU time is the child's user +
system time. Medians are printed, and the ratio pyradiomics / drs per pair.

pyradiomics is run through the interpreter given with --python (default: this one) as
`python -m radiomics IMAGE MASK --param PARAMS.yaml`, its command-line tool. Where that
interpreter cannot import radiomics, the script says so, times drs alone and compares with the
figure given by --recorded-pyradiomics-s (a time measured elsewhere: not side by side).

Usage:
  compare_pyradiomics.py --drs build-release/bin/drs --image IMAGE --mask MASK [--runs 5]
                         [--python /path/to/python-with-pyradiomics] [--recorded-pyradiomics-s 4.8]
                         [--batch-copies 20]
With --vs-drs OTHER_DRS it also times another drs build (e.g. an older commit) in the same rotation;
--vs-drs-args gives that command other extraction arguments (e.g. --params resample.json, with
--vs-drs the same drs, to time resampling side by side).
With --batch-copies N it also times `drs extract --cases` on N copies of the case with
--threads 1 and --threads 2 (cases per second).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PARAMS_YAML = """imageType:
  Original: {}
  Wavelet: {}
featureClass:
  shape:
  firstorder:
  glcm:
  gldm:
  glrlm:
  glszm:
  ngtdm:
setting:
  binWidth: 25
  label: 1
"""


def timed(command):
    """Runs command (output discarded); returns (wall s, cpu s, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise SystemExit(f"command failed ({result.returncode}): {' '.join(command)}")
    return wall, cpu


def has_pyradiomics(python):
    probe = subprocess.run([python, "-c", "import radiomics, sys; print(radiomics.__version__)"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return probe.stdout.strip() if probe.returncode == 0 else None


def median_line(label, walls, cpus):
    return f"{label:<34} wall median {statistics.median(walls):7.3f} s (min {min(walls):.3f}, max {max(walls):.3f})" \
           f"   cpu median {statistics.median(cpus):7.3f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drs", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--mask", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--recorded-pyradiomics-s", type=float)
    parser.add_argument("--batch-copies", type=int, default=0)
    parser.add_argument("--vs-drs", help="a second drs executable timed in the same rotation")
    parser.add_argument("--vs-drs-args", help="extraction arguments of the --vs-drs command (default: --drs-args)")
    parser.add_argument("--drs-args", default="", help="extra arguments for drs extract, e.g. '--params P.json'")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="drs-bench-")
    params = os.path.join(work, "params.yaml")
    with open(params, "w") as f:
        f.write(PARAMS_YAML)
    drs_command = [args.drs, "extract", "--wavelet", "--image", args.image, "--mask", args.mask,
                   "--out", os.path.join(work, "drs.csv")] + args.drs_args.split()
    py_command = [args.python, "-m", "radiomics", args.image, args.mask, "--param", params,
                  "-o", os.path.join(work, "pyradiomics.csv"), "-f", "csv"]

    other_command = None
    if args.vs_drs:
        other_args = args.drs_args if args.vs_drs_args is None else args.vs_drs_args
        other_command = [args.vs_drs] + drs_command[1:len(drs_command) - len(args.drs_args.split())] + other_args.split()
    version = has_pyradiomics(args.python)
    print(f"image {args.image}\nmask  {args.mask}\n{args.runs} runs each, after one warm-up run")
    timed(drs_command)
    drs_walls, drs_cpus, py_walls, py_cpus, ratios = [], [], [], [], []
    other_walls, other_cpus, other_ratios = [], [], []
    if other_command:
        timed(other_command)
    if version:
        print(f"pyradiomics {version} via {args.python}; runs alternate drs, pyradiomics")
        timed(py_command)
    else:
        print(f"pyradiomics is NOT importable by {args.python}: drs is timed alone")
    for _ in range(args.runs):
        wall, cpu = timed(drs_command)
        drs_walls.append(wall)
        drs_cpus.append(cpu)
        if other_command:
            other_wall, other_cpu = timed(other_command)
            other_walls.append(other_wall)
            other_cpus.append(other_cpu)
            other_ratios.append(other_wall / wall)
        if version:
            py_wall, py_cpu = timed(py_command)
            py_walls.append(py_wall)
            py_cpus.append(py_cpu)
            ratios.append(py_wall / wall)
    print(median_line("drs extract --wavelet", drs_walls, drs_cpus))
    if other_command:
        print(median_line("other drs (--vs-drs)", other_walls, other_cpus))
        print(f"ratio other drs / drs, wall, per pair: median {statistics.median(other_ratios):.2f}x")
    if version:
        print(median_line("pyradiomics (851 features)", py_walls, py_cpus))
        print(f"ratio pyradiomics / drs, wall, per pair: median {statistics.median(ratios):.1f}x "
              f"(min {min(ratios):.1f}x, max {max(ratios):.1f}x)")
    elif args.recorded_pyradiomics_s:
        print(f"against the RECORDED pyradiomics time {args.recorded_pyradiomics_s:.2f} s (measured elsewhere, "
              f"not side by side): {args.recorded_pyradiomics_s / statistics.median(drs_walls):.1f}x")

    if args.batch_copies > 0:
        cases = os.path.join(work, "cases.csv")
        with open(cases, "w") as f:
            f.write("id,image,mask\n")
            for k in range(args.batch_copies):
                f.write(f"case{k},{os.path.abspath(args.image)},{os.path.abspath(args.mask)}\n")
        for threads in (1, 2):
            command = [args.drs, "extract", "--wavelet", "--cases", cases, "--threads", str(threads),
                       "--out", os.path.join(work, f"batch{threads}.csv")] + args.drs_args.split()
            walls, cpus = [], []
            for _ in range(max(1, args.runs // 2)):
                wall, cpu = timed(command)
                walls.append(wall)
                cpus.append(cpu)
            wall = statistics.median(walls)
            print(median_line(f"--cases x{args.batch_copies} --threads {threads}", walls, cpus) +
                  f"   {args.batch_copies / wall:.2f} cases/s")


if __name__ == "__main__":
    main()
