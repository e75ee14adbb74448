"""`run.py video`: what video costs the site, on the bench's gunicorn and a real task worker.

1. **Transcode speed.** A 60-second 1080p25 H.264/AAC clip (ffmpeg's `testsrc2` and a tone,
   about 13 Mbit/s, two-second GOP, as a camera or an editing program writes) is uploaded
   through the admin by an editor and encoded by `manage.py worker`, started under
   `nice -n 10` as `make run` and the production notes do (ffmpeg goes `VIDEO_NICE` lower
   still). Timed from the moment the upload's answer says "queued" to the moment the admin's
   progress view says "ready" (the worker was already running and idle).
2. **Cached pages while a clip encodes.** wrk on the cached story page with the worker idle,
   then while it encodes the same clip for another story (wrk starts once ffmpeg is running;
   the run checks it still is when wrk stops), then idle again once the clip is ready; the
   ratio is to the mean of the two idle runs. Also counted: ffmpeg's CPU meanwhile and how
   often the cached pages were retired (the worker's progress writes retire them).
3. **A 2 GB upload.** The clip looped with `-stream_loop` and `-c copy` into a real 1080p
   video just over 2 GB (under `VIDEO_MAX_BYTES`, 2 GiB), sent by curl streaming from disk to
   the admin's add view, and the peak memory (`VmHWM`) of the gunicorn worker that took it.
   The file is streamed to a temporary file, checked by ffprobe (its last seconds decoded),
   stored and queued like any upload; the worker is stopped first, so it is never encoded,
   and the file is deleted afterwards.

testsrc2 is a synthetic picture: flat colours and sharp edges, little noise and motion. It
decodes and encodes faster than real footage of the same size (grain, foliage, a moving
camera), so real clips take longer; treat the ratio as a lower bound. (Measured aside,
2026-12-05: the same encode of testsrc2 with heavy grain, `noise=alls=12:allf=t`, took
3.4 times as long.) The 2 GB upload goes straight to gunicorn; in production nginx buffers
the body first (`client_max_body_size`), so a slow reader's line does not hold a worker,
but the parsing and the checks still run inside gunicorn's `--timeout` (30 s by default).
"""

import contextlib
import json
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
CLIP_SECONDS = 60
BIG_BYTES = 2_000_000_000  # "2 GB"; VIDEO_MAX_BYTES (2 GiB) still takes it
BIG_CEILING = 2_140_000_000  # -fs: never over 2 GiB, whatever size the clip came out
WORKER_NICE = 10  # as `make run` and the README's production notes
EDITOR = "bench-video"
BENCH_SLUG = "bai-bao-duoc-do-hieu-nang"
TIMEOUT = 600
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def measure(env, server, *, base, work, wrk, page, seconds):
    """Run the three measurements; `wrk(path, seconds=…)` is run.py's."""
    folder = work / "video"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # How busy the machine was with other work just before (the bench's server idle): the
    # figures mean little when this is well above zero.
    results = {"cpu_busy_before": _cpu_busy()}
    try:
        password = secrets.token_urlsafe(16)
        stories = _setup(env, password)
        with Worker(env, folder) as worker:  # idle while the clip is made, as in production
            started = time.monotonic()
            clip = make_clip(folder / "clip-1080p.mp4")
            made = time.monotonic() - started
            _say(f"clip made in {made:.1f} s")
            admin = Admin(base, password, folder)
            results["transcode"] = transcode(admin, clip, stories[0], made, env)
            _say(f"transcode: {results['transcode']['queued_to_ready_seconds']} s")
            results["pages_while_encoding"] = pages_while_encoding(
                admin, clip, stories[1], worker, wrk, page, seconds, env
            )
            _say(f"pages while encoding: {results['pages_while_encoding']['ratio']}")
        results["upload_2gb"] = big_upload(admin, clip, stories[2], server, folder, env)
        _say(f"2 GB upload: {results['upload_2gb']['worker_peak_rss_mb']} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


# --- 1. transcode speed -------------------------------------------------------------------


def make_clip(path: Path) -> Path:
    """60 s of 1080p25 H.264 (High, CABAC, 2 s GOP) with 48 kHz AAC: a camera's kind of file."""
    _ffmpeg(
        "-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=25:duration={CLIP_SECONDS}",
        "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={CLIP_SECONDS}",
        "-c:v", "libx264", "-preset", "superfast", "-crf", "18", "-g", "50",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-shortest", str(path),
    )  # fmt: skip
    return path


def transcode(admin, clip, story, made_seconds, env):
    upload = admin.upload(clip, story)
    queued = time.monotonic()
    final = admin.wait(upload["video"], lambda p: p["state"] in {"ready", "failed"})
    wall = time.monotonic() - queued
    if final["state"] != "ready":
        raise SystemExit(f"the clip failed: {final['failure']}")
    task = _task_times(env, upload["video"])
    return {
        "clip": _describe(clip),
        "clip_made_seconds": round(made_seconds, 1),
        "upload_seconds": upload["seconds"],
        "queued_to_ready_seconds": round(wall, 1),
        "ratio_to_clip": round(wall / CLIP_SECONDS, 2),
        "worker_pickup_seconds": task["pickup"],
        "task_seconds": task["run"],
        "renditions": _renditions(env, upload["video"]),
    }


# --- 2. cached pages while encoding --------------------------------------------------------


def pages_while_encoding(admin, clip, story, worker, wrk, page, seconds, env):
    """wrk on the cached page idle, while the clip encodes, and idle again once it is ready
    (the two idle runs bracket the other, so drift on the machine shows)."""
    wrk(page, seconds=2)  # warm up, as for the pages
    before = wrk(page, seconds=seconds)
    upload = admin.upload(clip, story)
    queued = time.monotonic()
    admin.wait(upload["video"], lambda p: p["state"] == "processing" and p["progress"] > 0)
    ffmpeg = _ffmpeg_of(worker.process.pid)
    nice = _nice(ffmpeg)
    version = _content_version(env)
    cpu_before, progress_before = _cpu_seconds(ffmpeg), admin.progress(upload["video"])
    busy = wrk(page, seconds=seconds)
    cpu_after, progress_after = _cpu_seconds(ffmpeg), admin.progress(upload["video"])
    retired = _content_version(env) - version
    final = admin.wait(upload["video"], lambda p: p["state"] in {"ready", "failed"})
    encoded = time.monotonic() - queued
    wrk(page, seconds=2)
    after = wrk(page, seconds=seconds)
    idle = (before["rps"] + after["rps"]) / 2
    return {
        "idle_before": before,
        "encoding": busy,
        "idle_after": after,
        "ratio": round(busy["rps"] / idle, 2),
        "ffmpeg_nice": nice,
        "ffmpeg_cpu_share_during_wrk": round((cpu_after - cpu_before) / seconds, 2),
        "progress_during_wrk": [progress_before["progress"], progress_after["progress"]],
        "encoding_throughout": progress_after["state"] == "processing",
        # Each progress update (about once a second while ffmpeg runs) retires every cached
        # page (twice: at once and on commit); this counts the bumps around the busy run.
        "content_version_bumps_during_wrk": retired,
        "queued_to_ready_seconds": round(encoded, 1),
        "final_state": final["state"],
    }


# --- 3. a 2 GB upload ---------------------------------------------------------------------


def big_upload(admin, clip, story, server, folder, env):
    big = folder / "upload-2gb.mp4"
    started = time.monotonic()
    loops = math.ceil(BIG_BYTES / clip.stat().st_size)
    _ffmpeg(
        "-stream_loop", str(loops - 1), "-i", str(clip), "-map", "0", "-c", "copy",
        "-fs", str(BIG_CEILING), str(big),
    )  # fmt: skip
    made = time.monotonic() - started
    workers = _children(server.pid)
    before = {pid: _status(pid) for pid in workers}
    watch = MemoryWatch(workers)
    watch.start()
    try:
        upload = admin.upload(big, story)
    finally:
        watch.stop()
        described = _describe(big)
        big.unlink()
    after = {pid: _status(pid) for pid in workers}

    # The worker that took the upload: the one whose ffprobe and ffmpeg ran the checks, and
    # whose memory moved most.
    def grew(pid):
        return watch.peak_rss[pid] - before[pid]["rss"]

    took = max(workers, key=lambda pid: (pid in watch.parents, grew(pid)))
    if upload["video"]:
        _delete_video(env, upload["video"])
    return {
        "file": described,
        "made_seconds": round(made, 1),
        "status": upload["status"],
        "accepted": bool(upload["video"]),
        "refusal": upload["refusal"],
        "upload_seconds": upload["seconds"],
        "upload_mb_per_s": round(described["bytes"] / 1e6 / upload["seconds"], 0),
        "worker_rss_before_mb": _mb(before[took]["rss"]),
        "worker_peak_rss_mb": _mb(max(after[took]["hwm"], watch.peak_rss[took])),
        "worker_hwm_before_mb": _mb(before[took]["hwm"]),
        "all_workers_hwm_after_mb": sorted(_mb(s["hwm"]) for s in after.values()),
        "ffprobe_ffmpeg_peak_rss_mb": _mb(watch.child_peak),
    }


class MemoryWatch(threading.Thread):
    """Samples the gunicorn workers' RSS and their ffprobe/ffmpeg children's peak, every 50 ms
    (VmHWM read after the upload is the workers' exact peak; this finds which one, and the
    children, which are gone by then)."""

    def __init__(self, workers):
        super().__init__(daemon=True)
        self.workers = workers
        self.peak_rss = dict.fromkeys(workers, 0)
        self.child_peak = 0
        self.parents = set()
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.05):
            for pid in self.workers:
                with contextlib.suppress(OSError):
                    self.peak_rss[pid] = max(self.peak_rss[pid], _status(pid)["rss"])
            for pid, parent in _processes():
                if parent in self.workers:
                    self.parents.add(parent)
                    with contextlib.suppress(OSError):
                        self.child_peak = max(self.child_peak, _status(pid)["hwm"])

    def stop(self):
        self.done.set()
        self.join()


# --- the admin, as an editor ---------------------------------------------------------------


class Admin:
    """An editor logged in to the admin: uploads with curl (streamed from disk), follows a
    video through the admin's own progress view."""

    def __init__(self, base, password, folder):
        self.base, self.folder = base, folder
        self.http = httpx.Client(base_url=base, timeout=60)
        login = self.http.get("/admin/login/")
        answer = self.http.post(
            "/admin/login/",
            data={
                "username": EDITOR,
                "password": password,
                "csrfmiddlewaretoken": _token(login.text),
                "next": "/admin/",
            },
        )
        if answer.status_code != 302:
            raise SystemExit(f"the bench editor could not log in ({answer.status_code})")

    def upload(self, path: Path, story: int) -> dict:
        form = self.http.get("/admin/articles/video/add/")
        cookies = "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())
        fields = {
            "csrfmiddlewaretoken": _token(form.text),
            "article": str(story),
            "is_lead": "on",
            "caption": "Video đo hiệu năng",
            "youtube_url": "",
            "captions-TOTAL_FORMS": "0",
            "captions-INITIAL_FORMS": "0",
            "captions-MIN_NUM_FORMS": "0",
            "captions-MAX_NUM_FORMS": "1000",
            "_continue": "1",
        }
        body = self.folder / "answer.html"
        command = ["curl", "-sS", "-o", str(body), "-H", "Expect:", "-H", f"Cookie: {cookies}"]
        command += ["-w", "%{http_code} %{time_total} %{redirect_url}"]
        for name, value in fields.items():
            command += ["--form-string", f"{name}={value}"]
        command += ["-F", f"original=@{path};type=video/mp4"]  # streamed from disk
        command += [f"{self.base}/admin/articles/video/add/"]
        out = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        status, seconds, *location = (out.stdout.split() or ["000", "0"]) + [""]
        found = re.search(r"/admin/articles/video/(\d+)/change/", location[0])
        refusal = ""
        if not found:
            text = body.read_text(errors="replace") if body.exists() else ""
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S)
            refusal = re.sub(r"<[^>]+>", " ", " ".join(errors)).strip() or out.stderr.strip()
            refusal = refusal or f"HTTP {status} (gunicorn's log above says why)"
        body.unlink(missing_ok=True)
        return {
            "status": int(status),
            "seconds": round(float(seconds), 1),
            "video": int(found[1]) if found else None,
            "refusal": refusal,
        }

    def progress(self, video: int) -> dict:
        return self.http.get(f"/admin/articles/video/{video}/progress/").json()

    def wait(self, video: int, done, seconds=TIMEOUT) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = self.progress(video)
            if done(state):
                return state
            time.sleep(0.2)
        raise SystemExit(f"video {video} is still {state} after {seconds} s")


class Worker:
    """`nice -n 10 manage.py worker`, stopped with SIGTERM (as systemd would)."""

    def __init__(self, env, folder):
        # Its own temporary folder: the working folders are named by the video's id, which
        # another site's (or test run's) worker on this machine may be using at the same time.
        (folder / "tmp").mkdir()
        self.env = {**env, "TMPDIR": str(folder / "tmp")}
        self.log = folder / "worker.log"

    def __enter__(self):
        command = ["nice", "-n", str(WORKER_NICE), PY, "manage.py", "worker", "--no-reload"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if exc[0] is not None:
            print(self.log.read_text()[-3000:])


# --- helpers ------------------------------------------------------------------------------


def _setup(env, password) -> list[int]:
    """An editor (the newsroom's 'Biên tập viên' group) and three published stories without a
    video, other than the story under test."""
    code = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from articles.models import Article
user, _ = get_user_model().objects.update_or_create(
    username={EDITOR!r}, defaults={{"is_staff": True, "is_active": True}})
user.set_password({password!r})
user.save()
user.groups.add(Group.objects.get(name="Biên tập viên"))
stories = Article.objects.published().exclude(slug={BENCH_SLUG!r}).filter(video__isnull=True)
print(*stories.order_by("pk").values_list("pk", flat=True)[:3])
"""
    return [int(pk) for pk in shell(env, code).split()]


def _task_times(env, video) -> dict:
    code = f"""
from django_tasks_db.models import DBTaskResult
t = [t for t in DBTaskResult.objects.filter(task_path__endswith="process_video")
     if t.args_kwargs["args"] == [{video}]][-1]
print((t.started_at - t.enqueued_at).total_seconds(),
      (t.finished_at - t.started_at).total_seconds())
"""
    pickup, run = shell(env, code).split()
    return {"pickup": round(float(pickup), 1), "run": round(float(run), 1)}


def _renditions(env, video) -> list[str]:
    """What the worker stored: one MP4 per rendition (and the HLS ladder cut from them)."""
    code = f"""
from articles.models import Video
v = Video.objects.get(pk={video})
print(*[f"{{r['label']}}p:{{r['width']}}x{{r['height']}}:{{r['bytes']}}" for r in v.renditions],
      "hls" if v.hls else "no-hls")
"""
    *made, hls = shell(env, code).split()
    return [*made, hls]


def _content_version(env) -> int:
    code = "from django.core.cache import caches; print(caches['shared'].get('pagecache:version'))"
    return int(shell(env, code))


def _delete_video(env, video):
    """The 2 GB original off the disk, its row and its queued task out of the database."""
    code = f"""
from django_tasks_db.models import DBTaskResult
from articles.models import Video
v = Video.objects.get(pk={video})
v.original.delete(save=False)
v.delete()
DBTaskResult.objects.filter(task_path__endswith="process_video", status="READY").delete()
print("deleted")
"""
    shell(env, code)


def _say(text):
    print(f"video: {text}", file=sys.stderr, flush=True)


def shell(env, code):
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def _ffmpeg(*args):
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", *args], check=True)


def _describe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height,codec_name,profile:format=duration,bit_rate", "-of", "json",
         str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(out.stdout)
    stream = data["streams"][0]
    return {
        "bytes": path.stat().st_size,
        "seconds": round(float(data["format"]["duration"]), 1),
        "size": f"{stream['width']}x{stream['height']}",
        "codec": f"{stream['codec_name']} {stream.get('profile', '')}".strip(),
        "mbit_s": round(int(data["format"]["bit_rate"]) / 1e6, 1),
    }


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def _processes():
    """(pid, parent pid) of every process."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            text = stat.read_text()
            yield int(stat.parent.name), int(text[text.rindex(")") + 2 :].split()[1])


def _children(pid) -> list[int]:
    return sorted(child for child, parent in _processes() if parent == pid)


def _stat_fields(pid) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # field 3 (state) first


def _ffmpeg_of(worker_pid) -> int:
    for _ in range(50):
        for pid in _children(worker_pid):
            if Path(f"/proc/{pid}/comm").read_text().strip() == "ffmpeg":
                return pid
        time.sleep(0.1)
    raise SystemExit("the worker runs no ffmpeg")


def _cpu_seconds(pid) -> float:
    """User and system CPU time of a process (all its threads), in seconds."""
    try:
        fields = _stat_fields(pid)
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _nice(pid) -> int:
    return int(_stat_fields(pid)[16])


def _status(pid) -> dict:
    """VmRSS and VmHWM in kB; zeros for a process gone (a worker gunicorn timed out)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        text = ""
    rss = re.search(r"VmRSS:\s+(\d+) kB", text)
    hwm = re.search(r"VmHWM:\s+(\d+) kB", text)
    return {"rss": int(rss[1]) if rss else 0, "hwm": int(hwm[1]) if hwm else 0}


def _cpu_busy(seconds=2.0) -> float:
    """The share of all cores busy over `seconds`, from /proc/stat."""

    def sample():
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait

    total, idle = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    return round(1 - (idle_after - idle) / max(1, total_after - total), 2)


def _mb(kb) -> int:
    return round(kb / 1024)
