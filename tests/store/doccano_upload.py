"""doccano 1.8.4's own upload, run in this process: the Celery task its upload
view queues (``data_import.celery_tasks.import_dataset``, called directly as
doccano's own tests do), on a file staged as the upload widget stages it (a
django-drf-filepond ``TemporaryUpload``), into a sequence-labelling project
made as its project view makes one (the creator its admin).  What it kept is
read back from doccano's models, and :func:`download` runs the task behind its
export button (``data_export.celery_tasks.export_dataset``).

doccano is a Django site; the wheel ships it as ``backend/`` whose apps import
as top-level names (``projects``, ``examples``, ...), so that folder goes on
``sys.path`` (appended: nothing of ours is shadowed).  The database is sqlite in
memory with the tables made from doccano's models (``migrate --run-syncdb``;
its migration history starts in an app this import path does not need).
Settings are the defaults of doccano's ``config/settings/base.py`` for what the
task reads (``ENABLE_FILE_TYPE_CHECK`` off, 1 GB upload limit, batches of 1000).
"""
from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import backend  # the doccano wheel's Django project

_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "polymorphic", "django_drf_filepond",
         "roles", "projects", "examples", "label_types", "labels", "data_import", "data_export"]


def _configure() -> None:
    from django.conf import settings

    if settings.configured:
        return
    sys.path.append(str(Path(backend.__file__).parent))
    files = Path(tempfile.mkdtemp(prefix="doccano-"))  # uploads, doccano's file store, export zips
    atexit.register(shutil.rmtree, files, ignore_errors=True)
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=_APPS,
        MIGRATION_MODULES={app.rsplit(".", 1)[-1]: None for app in _APPS},
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        MEDIA_ROOT=str(files / "media"),
        DJANGO_DRF_FILEPOND_UPLOAD_TMP=str(files / "upload"),
        DJANGO_DRF_FILEPOND_FILE_STORE_PATH=str(files / "store"),
        ENABLE_FILE_TYPE_CHECK=False,
        MAX_UPLOAD_SIZE=1024 ** 3,
        IMPORT_BATCH_SIZE=1000,
        ROLE_PROJECT_ADMIN="project_admin",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)


@dataclass
class Example:
    """One example as doccano stored it."""

    text: str
    meta: dict
    spans: list[tuple[int, int, str]]  # (start, end, label), in text order
    relations: list[tuple[tuple[int, int, str], tuple[int, int, str], str]] = field(default_factory=list)


@dataclass
class Upload:
    project_id: int
    errors: list[dict]  # what doccano reports to the uploader
    examples: list[Example]  # in upload order

    def span_count(self) -> int:
        return sum(len(e.spans) for e in self.examples)


def upload(path: Path, *, allow_overlapping: bool = False, use_relation: bool = False,
           task: str = "SequenceLabeling", file_format: str = "JSONL") -> Upload:
    """Upload ``path`` into a new sequence-labelling project (a default one unless told)."""
    _configure()
    from django.contrib.auth.models import User
    from django.core.files import File
    from django_drf_filepond.models import TemporaryUpload
    from django_drf_filepond.utils import _get_file_id

    from data_import.celery_tasks import import_dataset
    from examples.models import Example as ExampleModel
    from projects.models import ProjectType, SequenceLabelingProject
    from roles.models import Role

    user, _ = User.objects.get_or_create(username="copydesk")
    project = SequenceLabelingProject.objects.create(
        name=path.name, project_type=ProjectType.SEQUENCE_LABELING, created_by=user,
        allow_overlapping=allow_overlapping, use_relation=use_relation)
    Role.objects.get_or_create(name="project_admin")
    project.add_admin()
    upload_id = _get_file_id()
    with open(path, "rb") as fh:
        TemporaryUpload.objects.create(upload_id=upload_id, file_id=_get_file_id(), file=File(fh, path.name),
                                       upload_name=path.name, upload_type=TemporaryUpload.FILE_DATA)
    response = import_dataset(user.id, project.id, file_format, [upload_id], task)
    examples = []
    for ex in ExampleModel.objects.filter(project=project).order_by("id"):
        spans = {s.id: (s.start_offset, s.end_offset, s.label.text) for s in ex.spans.all()}
        relations = [(spans[r.from_id_id], spans[r.to_id_id], r.type.text) for r in ex.relations.all()]
        examples.append(Example(ex.text, ex.meta, sorted(spans.values()), relations))
    return Upload(project.id, response["error"], examples)


def download(uploaded: Upload) -> list[dict]:
    """The project's lines as doccano's JSONL export writes them (the uploader's file in its zip)."""
    from data_export.celery_tasks import export_dataset

    zip_path = export_dataset(uploaded.project_id, "JSONL")
    with zipfile.ZipFile(zip_path) as archive:
        [name] = archive.namelist()
        lines = archive.read(name).decode("utf-8").splitlines()
    Path(zip_path).unlink()
    return [json.loads(line) for line in lines]
