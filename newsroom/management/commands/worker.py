"""`manage.py worker`: django-tasks-db's `db_worker`, plus a heartbeat.

While it runs, the worker says every few seconds that it is alive and queues again the tasks
of workers that stopped saying so (`newsroom.infra.tasks`). `make run` starts one.
"""

import threading

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from newsroom.infra import tasks


class Command(db_worker.Command):
    help = "Run the task worker: db_worker, with a heartbeat that requeues lost tasks."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        tasks.say_alive(worker_id)
        tasks.requeue_abandoned()
        beat = threading.Thread(target=self.beat, args=[worker_id], daemon=True)
        beat.start()
        super().handle(*args, **options)

    def beat(self, worker_id):
        interval = max(1, settings.TASKS_WORKER_TIMEOUT / 3)
        stop = threading.Event()
        while not stop.wait(interval):
            tasks.say_alive(worker_id)
            tasks.requeue_abandoned()
