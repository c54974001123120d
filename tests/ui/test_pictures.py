"""图文 PDF from the 周报 and 工作总结 tabs, with the demo's photos."""

from __future__ import annotations

from pypdf import PdfReader

from anquanyue_desktop.ui.main_window import MainWindow
from anquanyue_desktop.ui.widgets import export_actions
from anquanyue_desktop.usecases.demo import install_demo

from .conftest import type_chinese


def test_weekly_and_summary_pictures(qtbot, store, monkeypatch, tmp_path, dialogs):
    install_demo(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.reload_campaigns(2022)
    window.show_page(window.reports_page)
    outs = iter([tmp_path / "周.pdf", tmp_path / "总结.pdf", tmp_path / "周.docx"])
    monkeypatch.setattr(
        export_actions.QFileDialog, "getSaveFileName", lambda *a: (str(next(outs)), "")
    )
    weekly = window.reports_page.weekly
    weekly.export_pictures()
    report = weekly.current()
    reader = PdfReader(tmp_path / "周.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    titles = [a.title for u in report.units for a in u.activities]
    assert titles and all(t in text for t in titles)
    assert sum(len(p.images) for p in reader.pages) >= len(titles)

    window.reports_page.summary.export_pictures()
    reader = PdfReader(tmp_path / "总结.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    assert "活动图文材料" in text and "咨询日" in text  # the important ones come first

    weekly.export_pictures("docx")
    import docx

    document = docx.Document(tmp_path / "周.docx")
    words = "\n".join(p.text for p in document.paragraphs)
    assert all(t in words for t in titles)
    assert len(document.inline_shapes) >= len(titles)


def test_double_click_opens_the_photo_viewer_with_arrows(qtbot, store):
    from PySide6.QtCore import Qt

    from anquanyue_desktop.domain.activities import PHOTO
    from anquanyue_desktop.ui.activities.activity_dialog import ActivityDialog

    campaign = install_demo(store)
    a = next(
        x for x in store.activities.list(campaign.id) if sum(m.kind == PHOTO for m in x.media) >= 2
    )
    dialog = ActivityDialog(
        a, store.units.list(), store.activities.categories(campaign.id), store.media, lambda *x: x
    )
    qtbot.addWidget(dialog)
    dialog.attachment_list.setCurrentRow(1)
    viewer = dialog.view_photos()
    assert viewer is not None and viewer.index == 1
    photos = [m for m in a.media if m.kind == PHOTO]
    assert viewer.position.text() == f"2 / {len(photos)}"
    assert not viewer.picture.pixmap().isNull()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 2 % len(photos)
    assert viewer.caption.text() == (photos[viewer.index].caption or viewer.caption.text())
    viewer.go(-1)
    assert viewer.index == 1


def test_clerk_picks_photos_and_captions_for_the_weekly_pictures(
    qtbot, store, demo_template, monkeypatch, tmp_path, dialogs
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from anquanyue_desktop.domain.activities import activity_photos

    install_demo(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.reload_campaigns(2022)
    window.show_page(window.reports_page)
    weekly = window.reports_page.weekly
    # A week with an activity of two photos or more.
    for i in range(weekly.week.count()):
        weekly.week.setCurrentIndex(i)
        acts = [a for u in weekly.report.units for a in u.activities if activity_photos(a)]
        if any(len(activity_photos(a)) >= 2 for a in acts):
            break
    dialog = weekly.pick_photos()  # the window owns it; it is deleted on closing
    row = next(i for i, a in enumerate(dialog.activities) if len(activity_photos(a)) >= 2)
    dialog.activity_list.setCurrentRow(row)
    a = dialog.activities[row]
    photos = activity_photos(a)
    assert dialog.photo_list.count() == len(photos)
    # Only the second photo, with a caption typed in.
    for i in range(dialog.photo_list.count()):
        want = Qt.CheckState.Checked if i == 1 else Qt.CheckState.Unchecked
        dialog.photo_list.item(i).setCheckState(want)
    dialog.photo_list.setCurrentRow(1)
    dialog.caption.clear()
    type_chinese(dialog.caption, "村民参加消防演练")
    assert "已选1/" in dialog.activity_list.item(row).text()
    # Every other activity of the week goes without photos.
    others = [i for i in range(len(dialog.activities)) if i != row]
    for i in others:
        dialog.activity_list.setCurrentRow(i)
        qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert store.activities.photo_choices(a.campaign_id)[a.id] == (photos[1].id,)

    out = tmp_path / "周.pdf"
    monkeypatch.setattr(export_actions.QFileDialog, "getSaveFileName", lambda *x: (str(out), ""))
    weekly.export_pictures()
    reader = PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "村民参加消防演练" in text and a.title in text
    assert sum(len(p.images) for p in reader.pages) == 1
    # The pick is remembered: a new dialog shows it.
    again = weekly.pick_photos()
    again.activity_list.setCurrentRow(
        next(i for i, x in enumerate(again.activities) if x.id == a.id)
    )
    checked = [again.photo_list.item(i).checkState() for i in range(again.photo_list.count())]
    assert checked.count(Qt.CheckState.Checked) == 1 and checked[1] == Qt.CheckState.Checked
    assert again.photo_list.item(1).text() == "村民参加消防演练"


def test_at_most_four_photos_an_activity(qtbot, store, demo_template, tmp_path):
    from dataclasses import replace

    from PIL import Image
    from PySide6.QtCore import Qt

    from anquanyue_desktop.domain.activities import activity_photos
    from anquanyue_desktop.ui.reports.photo_picker import PhotoPickDialog

    campaign = install_demo(store)
    a = next(x for x in store.activities.list(campaign.id) if activity_photos(x))
    # Five photos of its own.
    files = []
    for n in range(5):
        f = tmp_path / f"p{n}.png"
        Image.new("RGB", (40 + n, 30), (n * 40, 90, 90)).save(f)
        files.append((f, "photo", f"第{n + 1}张"))
    saved = store.activities.save(replace(a, media=()), files)
    dialog = PhotoPickDialog(store, [saved], {}, 2)
    qtbot.addWidget(dialog)
    assert dialog.photo_list.count() == 5
    for i in range(5):
        dialog.photo_list.item(i).setCheckState(Qt.CheckState.Checked)
    checked = [dialog.photo_list.item(i).checkState() for i in range(5)]
    assert checked.count(Qt.CheckState.Checked) == 4
    assert "最多选4张" in dialog.state.text()
    assert dialog.save()
    assert len(store.activities.photo_choices(campaign.id)[saved.id]) == 4
