"""The one definition of the downloads' fields: what each item of checklists.json holds, which of
them the CSVs have as columns and in what order, each field's type and its description in both
languages. export.py writes the files in this order; datapackage.py describes them from it (the
Frictionless data package and the JSON Schema), so the files and their descriptions cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ID_PATTERN, LANGUAGES, STAGES

GAP = "〔…〕"  # where the article lost words, in its Chinese as published
INSERT_MARK = {"zh": "〔{}〕", "en": "[{}]"}  # the words the editors inserted there, in the item's text


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # its Table Schema type in checklists.json: "string" or "array" (a CSV cell is always a string)
    zh: str
    en: str
    csv: bool = True  # also a column of the CSVs
    required: bool = True  # never empty in an item of checklists.json
    every_row: bool = False  # never empty in a CSV row, the editors' caution rows that open it included
    enum: tuple[str, ...] = ()
    pattern: str = ""  # a whole-value regular expression
    format: str = ""  # Table Schema and JSON Schema both: "uri"
    entries: dict = field(default_factory=dict)  # the JSON Schema of an array's entries
    csv_zh: str = ""  # how the CSV cell writes an array
    csv_en: str = ""

    @property
    def description(self) -> str:
        return f"{self.zh} / {self.en}"


NOTE = {"type": "object", "required": ["title", "text"], "additionalProperties": False,
        "properties": {"title": {"type": "string", "minLength": 1}, "text": {"type": "string"}}}

FIELDS: tuple[Field, ...] = (
    Field("lang", "string", "清单的语言：zh 为中文，en 为英文。", "The language of the checklist: zh Chinese, en English.",
          csv=False, enum=LANGUAGES),
    Field("stage", "string", "所属阶段（页面地址中的名称）。CSV 开头几行编者提醒的这一栏为空。",
          "The stage, as named in its page's address. Empty on the editors' caution rows that open a CSV.",
          enum=tuple(STAGES)),
    Field("page", "string", "阶段页面的标题。", "The title of the stage's page.", csv=False),
    Field("checklist", "string", "清单的标题；CSV 开头几行为编者提醒的标题。",
          "The checklist's title; on a CSV's opening rows, the title of the editors' cautions.", every_row=True),
    Field("id", "string", "步骤编号，在各语言中相同，永不重新编号（读者的勾选记录以它为准）。CSV 开头几行编者提醒的这一栏为空。",
          "The step's ID: the same in both languages and never renumbered (readers' ticks are kept by it). "
          "Empty on the editors' caution rows that open a CSV.", pattern=ID_PATTERN.pattern),
    Field("by", "string", "article：原文的步骤；editors：编者在原文之外补充的步骤或提醒。",
          "article: a step of the article; editors: a step or caution the editors added beyond the article.",
          enum=("article", "editors"), every_row=True),
    Field("text", "string",
          "步骤的文字（纯文本）。编者修补时补入的文字放在〔〕中（英文为 [ ]），见 inserted。",
          "The step's text, as plain text. Words the editors inserted to repair the article are in brackets, "
          "〔〕 in Chinese and [ ] in English: see inserted.", every_row=True),
    Field("original", "string",
          f"编者修补之前原文的中文句子，漏字处标为{GAP}；未经修补的步骤此栏为空。",
          f"The article's Chinese sentence before the editors' repair, with {GAP} where the article lost words "
          "(the same in both languages); empty when the step was not repaired.", required=False),
    Field("inserted", "array", "编者修补时补入的文字（每处一项）；未经修补的为空列表。",
          "The words the editors inserted to repair the step, one entry per insertion; empty when none.",
          entries={"type": "string", "minLength": 1},
          csv_zh="CSV 中各项以“; ”分隔。", csv_en="In a CSV, the entries are separated by “; ”."),
    Field("editors_notes", "array",
          "编者附在该步骤上的编者注（标题与正文），不是原文的内容。",
          "The editors' notes attached to the step (title and text): not part of the article.",
          entries=NOTE,
          csv_zh="CSV 中每条写作“【标题】正文”，以空格分隔。",
          csv_en="In a CSV, each is written “[title] text”, separated by a space."),
    Field("hash", "string", "步骤原文（Markdown）的指纹：读者浏览器据此发现勾选后步骤有改动。",
          "A fingerprint of the step's source text: readers' browsers use it to tell that a step changed "
          "after they ticked it.", csv=False, pattern="[0-9a-f]{8}"),
    Field("url", "string", "阶段页面的完整网址。", "The full address of the stage's page.", format="uri"),
    Field("anchor", "string", "步骤在页面中的锚点（网址 # 之后的部分）。",
          "The step's anchor on its page (what follows # in the address)."),
)

CSV_FIELDS: tuple[Field, ...] = tuple(each for each in FIELDS if each.csv)
