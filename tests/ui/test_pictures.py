"""图文 PDF from the 周报 and 工作总结 tabs, with the demo's photos."""

from __future__ import annotations

from pypdf import PdfReader

from anquanyue_desktop.ui.main_window import MainWindow
from anquanyue_desktop.ui.widgets import export_actions
from anquanyue_desktop.usecases.demo import install_demo


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
