"""The general rules of extraction, one behaviour each, on small notes written for them."""
from __future__ import annotations

import pytest

from graph.ingest.extract import Extraction
from graph.ingest.ids import slugify
from graph.ingest.linker import Linker
from graph.ingest.markdown import parse_markdown
from graph.ingest import values
from graph.records.load import load_records


@pytest.fixture(scope="module")
def known():
    return load_records(["data"])


def run(text: str, known_records=()):
    return Extraction(parse_markdown(text, "notes.md"), Linker(list(known_records))).run()


def triples(result, key: str | None = None):
    return {(f.subject, f.key, str(f.value.get("id") if isinstance(f.value, dict) and "id" in f.value else f.value))
            for f in result.facts if key is None or f.key == key}


# ---------------------------------------------------------------- ids
def test_a_new_name_gets_a_readable_slug_not_a_hash():
    assert slugify("ChatGLM2-6B") == "chatglm2-6b"
    assert slugify("Qwen2 VL") == "qwen2-vl"
    assert not slugify("清华大学").startswith("name-")


def test_a_chinese_name_is_spelled_in_pinyin_with_its_words_apart():
    assert slugify("元语智能") == "yuanyu-zhineng"
    assert slugify("实验室") == "shiyanshi"
    assert slugify("北京智源人工智能研究院") == "beijing-zhiyuan-rengong-zhineng-yanjiuyuan"


def test_a_slug_taken_by_another_entity_gets_a_number():
    r = run("## Models\n- **GPT-3** - a model\n- **GPT+3** - another model\n")   # two names, one slug
    assert r.entities["gpt-3"].label == "GPT-3" and r.entities["gpt-3-2"].label == "GPT+3"
    assert not any(k.startswith("name-") for k in r.entities)


# ---------------------------------------------------------------- the notes' own source
def test_the_notes_intro_says_nothing_about_the_survey():
    r = run("# 调研\n本文介绍基于LLM的二次微调，使用了 RLHF。\n## Models\n- Foo：基于 Bar 的模型\n")
    source = r.source.key
    assert not [f for f in r.facts if f.subject == source and f.key not in ("cites", "url", "released")]
    assert ("foo", "based_on", "bar") in triples(r)


# ---------------------------------------------------------------- values
def test_parameter_counts_in_both_languages_and_ranges():
    assert values.parameter_counts("62 亿参数") == [6_200_000_000]
    assert values.parameter_counts("1750亿参数") == [175_000_000_000]
    assert values.parameter_counts("a 0.2B model") == [200_000_000]
    assert values.parameter_counts("175 billion parameters") == [175_000_000_000]
    assert values.parameter_counts("13B parameters") == [13_000_000_000]
    assert values.parameter_counts("70亿到650亿参数") == [7_000_000_000, 65_000_000_000]
    assert values.parameter_counts("ChatGLM2-6B 是对话模型") == []


def test_amounts_of_data_money_and_dates_in_both_languages():
    assert values.data_amount("1T tokens") == {"value": 10**12, "unit": "tokens"}
    assert values.data_amount("52K demonstrations") == {"value": 52_000, "unit": "examples"}
    assert values.data_amount("120万条") == {"value": 1_200_000, "unit": "records"}
    assert values.money("1200万美元") == {"amount": 12_000_000, "currency": "USD"}
    assert values.money("$4.6 million") == {"amount": 4_600_000, "currency": "USD"}
    assert [values.date(t) for t in ("2023-02", "2023年2月", "Feb 2023", "September 2023")] == ["2023-02"] * 3 + ["2023-09"]


# ---------------------------------------------------------------- versions
def test_another_version_number_is_another_entity_not_a_version_of_the_earlier_model(known):
    # LLaMA is a model, not a family: Llama 2 is a later model (a version only of a known ModelFamily)
    r = run("## Models\n- Meta 发布了 Llama 2 模型，在 LLaMA 之后。\n", known)
    new = [e for e in r.entities.values() if e.label.startswith("Llama 2")]
    assert new and new[0].key != "llama" and new[0].variant_of is None
    assert not [f for f in r.facts if f.subject == "llama" and f.key in ("based_on", "version_of")
                and (f.value == "llama" or getattr(f.value, "get", lambda k: None)("id") == "llama")]


def test_a_size_suffix_of_a_new_version_is_its_variant(known):
    r = run("## Models\n- Llama 2：Meta 的模型\n- Llama-2-7B：a small one\n", known)
    assert r.entities["llama-2-7b"].variant_of == "llama-2"


def test_case_spacing_and_full_width_hyphens_still_link(known):
    lk = Linker(known)
    assert lk.link("ChatGLM－6B") == lk.link("chatglm 6b") == "chatglm-6b"
    assert lk.link("ChatGLM2-6B") != "chatglm-6b"


# ---------------------------------------------------------------- structure: heads, bodies, attributes
def test_sub_items_are_attributes_of_their_parents_head_not_entities():
    r = run("## Models\n- Foo：对话模型\n  - 地址：https://github.com/acme/foo\n  - 简介：一个小模型\n"
            "  - Paper: https://arxiv.org/abs/2307.09288\n")
    assert ("foo", "repository", "https://github.com/acme/foo") in triples(r)
    assert ("foo", "description", "{'zh': '一个小模型'}") in triples(r)
    paper = next(f.value for f in r.facts if f.subject == "foo" and f.key == "introduced_in")
    assert r.entities[paper].type == "Paper" and r.entities[paper].ids == {"arxiv": "2307.09288"}
    assert not {"地址", "简介", "dizhi", "jianjie"} & set(r.entities)


def test_the_head_of_an_item_is_its_bold_name_link_text_or_name_before_a_separator():
    r = run("## Models\n- **Foo Bar** 是一个语言模型\n- Baz — a chat model\n- Qux | LLM\n")
    for key in ("foo-bar", "baz", "qux"):
        assert r.entities[key].type == "LanguageModel", key


def test_a_name_and_url_line_gives_the_heads_repository():
    r = run("# Notes\nChatGLM2-6B：https://github.com/THUDM/ChatGLM2-6B\n")
    assert ("chatglm2-6b", "repository", "https://github.com/THUDM/ChatGLM2-6B") in triples(r)
    assert r.entities["chatglm2-6b"].ids == {"github": "THUDM/ChatGLM2-6B"}


def test_a_leading_name_that_is_a_start_up_is_an_organization():
    r = run("## Notes\n- Mistral AI is a French start-up building open models\n")
    assert r.entities["mistral-ai"].type == "Company"


def test_links_to_paper_hosts_and_titles_that_read_as_papers_make_papers():
    from graph.ingest.extract import Extraction as X
    for url in ("https://openreview.net/forum?id=x", "https://papers.nips.cc/paper/1", "https://proceedings.mlr.press/v1/a.html",
                "https://jmlr.org/papers/v1/a.html", "https://aclanthology.org/2020.acl-main.1"):
        assert X.type_from_url(url) == "Paper", url
    assert X.type_from_url("https://huggingface.co/datasets/tatsu-lab/alpaca") == "Dataset"
    assert X.type_from_title("Qwen Technical Report") == "Paper"
    assert X.type_from_title("Attention is All You Need") == "Paper"


# ---------------------------------------------------------------- sections
def test_a_section_naming_an_organization_develops_the_models_under_it(known):
    r = run("## 智谱AI\n- GLM-4：语言模型\n", known)
    assert ("glm-4", "developed_by", "zhipu-ai") in triples(r)


def test_a_category_section_types_its_items_and_is_no_entity():
    r = run("# Notes\n## 数据集\n- Alpaca：52K demonstrations\n")
    assert r.entities["alpaca"].type == "Dataset"
    assert not any(e.label == "数据集" for e in r.entities.values())


# ---------------------------------------------------------------- tables, values on heads, new entities
def test_table_columns_are_read_by_what_their_headers_mean():
    r = run("# Notes\n## Models\n| 名称 | 机构 | 链接 | 参数 | 备注 |\n|---|---|---|---|---|\n"
            "| Foo | Acme Lab / Beta 等 | https://github.com/acme/foo | 7B | 一个模型 |\n")
    t = triples(r)
    assert ("foo", "developed_by", "acme-lab") in t and ("foo", "developed_by", "beta") in t
    assert ("foo", "repository", "https://github.com/acme/foo") in t
    assert ("foo", "parameters", "7000000000") in t
    assert ("foo", "description", "{'zh': '一个模型'}") in t


def test_several_sizes_make_variants_with_their_parameters():
    r = run("## Models\n- Foo：语言模型，70亿到650亿参数\n")
    assert ("foo-7b", "parameters", "7000000000") in triples(r)
    assert r.entities["foo-65b"].variant_of == "foo"


def test_a_new_chinese_organization_that_releases_something_is_its_developer():
    r = run("## Models\n- 顶点智能发布了 Vertex-7B 模型\n")
    assert ("vertex-7b", "developed_by", "dingdian-zhineng") in triples(r)


# ---------------------------------------------------------------- tables by header meaning
def test_a_keywords_table_gives_the_paper_that_introduces_the_model_and_its_developers():
    r = run("| Date | keywords | Institute | Paper |\n| --- | --- | --- | --- |\n"
            "| 2020-04 | Heron | Acme Lab & North U | [Heron: talking birds](https://arxiv.org/abs/2004.00002) |\n")
    t = triples(r)
    assert ("heron", "introduced_in", "paper-heron") in t
    assert {("heron", "developed_by", "acme-lab"), ("paper-heron", "publisher", "north-u")} <= t
    assert ("paper-heron", "released", "2020-04") in t and ("heron", "released", "2020-04") not in t
    assert r.entities["paper-heron"].ids == {"arxiv": "2004.00002"}


def test_a_table_under_a_reading_list_title_is_not_a_list_of_references():
    r = run("# Bird reading list\n\n| keywords | Institute |\n| --- | --- |\n| Heron | Acme Lab |\n")
    assert ("heron", "developed_by", "acme-lab") in triples(r)
    assert not triples(r, "cites")


def test_a_version_written_with_point_zero_is_the_known_version(known):
    r = run("| keywords | Institute |\n| --- | --- |\n| GPT 2.0 | OpenAI |\n", known)
    assert ("gpt-2", "developed_by", "openai") in triples(r)


def test_a_heading_that_is_a_phrase_is_no_entity():
    r = run("# Notes\n## How to use these notes\nSome text here.\n")
    assert "how-to-use-these-notes" not in r.entities


# ---------------------------------------------------------------- numbered lines with paper links and remarks
def test_a_short_name_with_a_paper_link_is_introduced_in_that_paper():
    r = run("## 方法\n\n1.Wingbeat：https://arxiv.org/abs/2101.00003\n2.Glide: https://arxiv.org/abs/2101.00004\n")
    t = triples(r)
    assert ("wingbeat", "introduced_in", "paper-wingbeat") in t and ("glide", "introduced_in", "paper-glide") in t
    assert r.entities["wingbeat"].type != "Paper" and r.entities["paper-wingbeat"].type == "Paper"
    assert r.entities["paper-glide"].ids == {"arxiv": "2101.00004"}


def test_a_remark_under_a_numbered_line_is_about_its_name(known):
    r = run("## 模型\n\n1.Wingbeat：https://arxiv.org/abs/2101.00003\n  备注：Meta 发布，130 亿参数。\n", known)
    t = triples(r)
    assert ("wingbeat", "developed_by", "meta") in t and ("wingbeat", "parameters", "13000000000") in t


def test_the_paper_that_introduces_a_model_is_published_by_its_developer(known):
    r = run("## 模型\n\n1.Wingbeat：https://arxiv.org/abs/2101.00003\n  备注：Meta 发布的模型。\n", known)
    assert ("paper-wingbeat", "publisher", "meta") in triples(r)


# ---------------------------------------------------------------- English bullet notes
def test_an_organization_named_after_from_or_by_in_a_description_made_the_item():
    r = run("## Tools\n- **Quill** - a tiny parser from Brightwater Labs; fast.\n"
            "- **Inkpot** - Corvane's plotting library.\n"
            "- Slate: a notebook app, by rmoss. https://github.com/rmoss/slate\n")
    got = triples(r, "developed_by")
    assert ("quill", "developed_by", "brightwater-labs") in got
    assert ("inkpot", "developed_by", "corvane") in got
    assert ("slate", "developed_by", "rmoss") in got


def test_a_paper_from_an_organization_does_not_make_the_item_theirs():
    r = run("## Data\n- Pebble: answers to prompts, following the Gravel paper from Corvane.\n")
    assert not triples(r, "developed_by")


def test_a_heading_that_is_a_plain_phrase_names_nothing():
    r = run("# Notes\n## Open questions\n- Does Quill beat Inkpot?\n## Models we fine-tuned from\n- Slate: x\n")
    assert "open-questions" not in r.entities and "models-we-fine-tuned-from" not in r.entities


# ---------------------------------------------------------------- organization sections
def test_a_short_heading_under_a_models_section_is_the_maker_of_its_items():
    r = run("## 模型\n### 青石\n- Lumo-7B：2023年开源，70亿参数。\n- Lumo-13B：对话模型\n")
    got = triples(r, "developed_by")
    assert {("lumo-7b", "developed_by", "qingshi"), ("lumo-13b", "developed_by", "qingshi")} <= got


def test_a_heading_that_its_items_begin_with_is_a_family_not_a_maker():
    r = run("## Models\n### Lumo\n- Lumo-7B: a chat model\n")
    assert not triples(r, "developed_by")


def test_an_alias_in_brackets_after_an_item_name_is_another_name_of_it():
    r = run("## 模型\n- 青鸟（Bluebird Chat）：2023年发布的对话模型\n")
    assert "bluebird-chat" in r.entities
    assert "Bluebird Chat" in r.entities["bluebird-chat"].names


# ---------------------------------------------------------------- awesome-list sub-items
def test_a_description_sub_item_says_more_of_its_parent_head(known):
    r = run("## 模型\n* Lumo：对话模型\n  * 地址：https://github.com/acme/lumo\n  * 简介：基于 LLaMA 微调，2023年开源。\n", known)
    assert ("lumo", "based_on", "llama") in triples(r, "based_on")
    assert "jianjie" not in r.entities


def test_makers_joined_before_an_own_verb_all_made_it(known):
    r = run("## 模型\n* Lumo：OpenAI与Meta发布的对话模型\n", known)
    assert {("lumo", "developed_by", "openai"), ("lumo", "developed_by", "meta")} <= triples(r, "developed_by")


def test_a_new_chinese_name_before_an_own_verb_is_the_maker_but_not_a_time_word():
    r = run("## 模型\n* Lumo：青石开源的对话模型\n* Lumo-S：同期开源的小模型\n")
    got = triples(r, "developed_by")
    assert ("lumo", "developed_by", "qingshi") in got
    assert not any(s == "lumo-s" for s, _, _ in got)


# ---------------------------------------------------------------- blog prose
def test_a_heading_with_a_subtitle_names_the_name_before_the_colon():
    r = run("# Notes\n## Lumo：一个小模型的故事\n正文。\n")
    assert "lumo" in r.entities
    assert not any(k.startswith("lumo-") for k in r.entities)


def test_a_new_base_name_glued_to_chinese_ends_with_its_letters():
    r = run("## 模型\n- Pika：基于Lumo-7B微调的对话模型\n")
    assert ("pika", "based_on", "lumo-7b") in triples(r, "based_on")


def test_a_known_model_with_a_size_after_it_is_the_model_of_that_size(known):
    r = run("# Notes\nFoo基于LLaMA-7B微调。\n", known)
    assert "llama-7b" in r.entities


# ---------------------------------------------------------------- founders, successors, training data, dates
def test_an_organization_founded_by_a_person_gives_the_person_a_founder_role():
    r = run("### 星河智能\n\n星河智能由云海科技创始人赵大海于 2022 年 9 月创立。\n")
    aff = {(f.subject, f.value["id"], f.value["role"]["en"]) for f in r.facts if f.key == "affiliated_with"}
    assert ("zhao-dahai", "xinghe-zhineng", "founder") in aff
    assert ("zhao-dahai", "yunhai-keji", "founder") in aff
    assert ("xinghe-zhineng", "founded", "2022-09") in triples(r)


def test_a_model_called_the_second_generation_of_another_succeeds_it():
    r = run("- Quill：一个对话模型。\n- Quill-2：2024年发布，Quill 的第二代。\n- Quill-3: successor to Quill-2.\n")
    assert ("quill-2", "successor_of", "quill") in triples(r, "successor_of")
    assert ("quill-3", "successor_of", "quill-2") in triples(r, "successor_of")


def test_trained_on_names_the_data_a_model_learnt_from():
    r = run("- **Heron** - a chat model, trained on the PondTalk data.\n")
    assert ("heron", "trained_on", "pondtalk") in triples(r, "trained_on")
    assert r.entities["pondtalk"].type == "Dataset"


def test_a_chinese_date_before_a_release_verb_dates_the_item():
    r = run("- Kestrel-7B：2024年2月开源，70亿参数。\n")
    assert ("kestrel-7b", "released", "2024-02") in triples(r, "released")
    assert ("kestrel-7b", "open_source", "True") in triples(r, "open_source")


def test_a_new_numbered_model_is_no_version_of_the_known_model_it_follows(known):
    r = run("## Models\n- GPT-9：a chat model from a lab.\n", known)
    assert not [f for f in r.facts if f.key == "version_of"]
    e = r.entities.get("gpt-9")
    assert e is None or e.variant_of is None


def test_a_paper_link_after_a_name_is_the_paper_that_introduces_it():
    r = run("- **Wren** - a sparse adapter method. Paper: https://example.org/wren.pdf (NeurIPS 2021). Code: https://github.com/x/wren\n")
    papers = [f.value for f in r.facts if f.subject == "wren" and f.key == "introduced_in"]
    assert papers and r.entities[papers[0]].type == "Paper"
    assert (papers[0], "released", "2021") in triples(r, "released")


def test_a_paper_item_with_title_organization_and_date_is_that_paper(known):
    r = run("## To read\n\n- Finch: Training Tiny Models With Care, Meta, March 2022 - small but strong.\n", known)
    paper = next(k for k, e in r.entities.items() if e.type == "Paper")
    assert (paper, "publisher", "meta") in triples(r, "publisher")
    assert (paper, "released", "2022-03") in triples(r, "released")
    assert paper != "finch" and ("finch", "introduced_in", paper) in triples(r)  # what "Finch: …" introduces


def test_a_team_named_before_a_release_verb_is_a_new_organization_that_made_the_sized_model():
    r = run("- 随后，ORBIT 团队推出了 Pelican-9B，一个对话模型。\n")
    assert r.entities["orbit"].type == "Organization"
    assert ("pelican-9b", "developed_by", "orbit") in triples(r, "developed_by")


def test_a_name_joined_to_a_known_organization_before_a_joint_release_is_another_maker(known):
    r = run("- 2024年，Meta 与北辰公司联合发布了 Pelican-9B。\n", known)
    makers = {v for s_, k, v in triples(r, "developed_by") if s_ == "pelican-9b"}
    assert {"meta", "beichen-gongsi"} <= makers


def test_a_person_of_an_organization_who_released_something_with_others_belongs_to_it():
    r = run("- 青松研究院的林小雨等人发布了 Pelican-9B。\n")
    assert r.entities["lin-xiaoyu"].type == "Person"
    aff = [f for f in r.facts if f.key == "affiliated_with" and f.subject == "lin-xiaoyu"]
    assert aff and r.entities[aff[0].value].type == "Organization"


def test_a_new_organization_opening_a_remark_made_the_item():
    r = run("1.Wren：https://arxiv.org/abs/2301.00001\n  备注：松果智能，一个 7B 模型。\n"
            "2.Finch：https://arxiv.org/abs/2301.00002\n  备注：Quarry AI 的小模型。\n")
    assert ("wren", "developed_by", "songguo-zhineng") in triples(r, "developed_by")
    assert ("finch", "developed_by", "quarry-ai") in triples(r, "developed_by")
    assert r.entities["quarry-ai"].type == "Organization"


def test_a_new_capitalised_name_right_before_kaiyuan_de_made_the_item():
    r = run("* Gizmo：NEBULA 开源的推理框架\n")
    assert ("gizmo", "developed_by", "nebula") in triples(r, "developed_by")
    assert r.entities["nebula"].type == "Organization"


def test_every_base_joined_by_a_conjunction_counts_even_a_new_one_named_first(known):
    r = run("* Moth：一个对话模型\n  * 简介：基于 Sparrow-3B1 和 LLaMA 进行指令微调。\n", known)
    bases = {v for s_, k, v in triples(r, "based_on") if s_ == "moth"}
    assert bases == {"sparrow-3b1", "llama"}


def test_a_person_and_colleagues_at_an_organization_made_the_item():
    r = run("- **Sprig** - Ada Stone and colleagues at the University of Elm, June 2022. A method.\n")
    t = triples(r)
    assert ("sprig", "developed_by", "ada-stone") in t
    assert ("sprig", "developed_by", "university-of-elm") in t
    assert ("ada-stone", "affiliated_with", "university-of-elm") in t


def test_nothing_inside_a_bare_url_is_named():
    r = run("- Wren 3B: https://huggingface.co/someone/Wren-3b-hf\n")
    assert not [k for k in r.entities if k.endswith("-hf")]


# ---------------------------------------------------------------- sections, prose and names (second round)
def test_a_modality_section_types_its_items_as_models_and_a_makers_heading_under_it_makes_them(known):
    r = run("## VLM\n### Alibaba Cloud\n- **Qwen-VL** - a vision model, Aug 2023.\n"
            "### Zhipu AI / Tsinghua\n- **CogVLM** - 17B parameters.\n### Others\n- **Bark** - from Suno.\n", known)
    assert r.entities["qwen-vl"].type == "Model"                  # not a Service, though the heading says "Cloud"
    assert ("qwen-vl", "developed_by", "alibaba-cloud") in triples(r, "developed_by")
    assert {("cogvlm", "developed_by", "zhipu-ai"), ("cogvlm", "developed_by", "tsinghua")} <= triples(r, "developed_by")
    assert not {"vlm", "others", "zhipu-ai-tsinghua"} & set(r.entities)
    assert ("bark", "developed_by", "others") not in triples(r, "developed_by")


def test_english_prose_is_read_sentence_by_sentence_with_each_sentences_subject():
    r = run("## Acme AI\n\nAcme AI is a start-up based in Lyon. Wren 7B was released in May 2023. It has 7.3 billion "
            "parameters. Later came Wren 13B, a larger model.\n")
    assert r.entities["acme-ai"].type == "Company"
    assert ("acme-ai", "headquarters", "lyon") in triples(r, "headquarters")
    assert {("wren-7b", "released", "2023-05"), ("wren-7b", "developed_by", "acme-ai")} <= triples(r)
    assert ("wren-7b", "parameters", "7300000000") in triples(r, "parameters")   # "It has …": the last subject
    assert "wren-13b" in r.entities
    assert not [f for f in r.facts if f.subject == "acme-ai" and f.key in ("released", "parameters")]


def test_makers_in_brackets_or_after_from_are_each_a_developer():
    r = run("1.Wren: https://arxiv.org/abs/2301.00001\n2.Finch: https://arxiv.org/abs/2301.00002\n\n"
            "- Wren (Acme and Quarry Labs) beats the rest.\n- Finch is from Northlake, Zeta & Omega Labs.\n"
            "- Wren (fast weight quantization) again.\n")
    dev = triples(r, "developed_by")
    assert {("wren", "developed_by", "acme"), ("wren", "developed_by", "quarry-labs")} <= dev
    assert {("finch", "developed_by", x) for x in ("northlake", "zeta", "omega-labs")} <= dev
    assert not [d for d in dev if "quantization" in d[2]]


def test_a_dataset_used_to_train_a_model_is_what_the_model_was_trained_on():
    r = run("## 数据集\n- foo_data：斯坦福 Lark 使用的指令数据\n- bar_set：用于训练 Robin 模型的对话\n"
            "## Datasets\n- ZedChat: dialogues used to train Zed.\n")
    assert {("lark", "trained_on", "foo-data"), ("robin", "trained_on", "bar-set"), ("zed", "trained_on", "zedchat")} \
        <= triples(r, "trained_on")


def test_latin_names_in_chinese_text_and_name_like_words_in_english_are_entities():
    r = run("- Lark：把 BLIP-2 的视觉编码器与 Vicuna 对齐，提供 API 与 Web UI\n\n"
            "Falcon was trained on RefinedWeb with labels from GPT-4 through an API.\n")
    assert {"blip-2", "vicuna", "refinedweb", "gpt-4"} <= set(r.entities)
    assert not {"api", "web-ui", "web", "falcon"} & set(r.entities)


def test_a_technique_named_in_prose_is_used_by_the_blocks_topic():
    r = run("## Models\n- **Wren** - a chat model with grouped-query attention and instruction tuning, "
            "a sparse mixture-of-experts model, parameter-efficient fine-tuning.\n")
    uses = triples(r, "uses")
    assert {("wren", "uses", "grouped-query-attention"), ("wren", "uses", "instruction-tuning"),
            ("wren", "uses", "mixture-of-experts")} <= uses
    assert not [u for u in uses if "efficient" in u[2] or u[2] == "fine-tuning"]


def test_known_and_new_makers_joined_before_a_release_verb_all_made_the_item(known):
    r = run("## 模型\n- Lark：OpenAI与北湖大学西湖分校联合开源的对话模型\n- Robin：GPT-3与青松开源的模型\n", known)
    dev = triples(r, "developed_by")
    assert {("lark", "developed_by", "openai"), ("lark", "developed_by", "beihu-daxue-xihu-fenxiao")} <= dev
    assert not [d for d in dev if d[0] == "robin"]       # a known model is no maker: nothing, and no crash


def test_fields_of_an_entry_or_a_model_card_say_that_of_its_head(known):
    r = run("## 向量模型\n### Lark-Embed\n- 机构：青松科技\n- 发布时间：2024年3月\n- 参数量：3.3 亿\n\n"
            "## Model cards\n\n**Wren-7B-chat** is a chat model.\n\n"
            "Developed by: Quarry AI License: Apache 2.0 Finetuned from model: Wren-7B Training data: ZedChat\n", known)
    facts = triples(r)
    assert {("lark-embed", "developed_by", "qingsong-keji"), ("lark-embed", "released", "2024-03"),
            ("lark-embed", "parameters", "330000000")} <= facts
    assert {("wren-7b-chat", "developed_by", "quarry-ai"), ("wren-7b-chat", "based_on", "wren-7b"),
            ("wren-7b-chat", "trained_on", "zedchat"), ("wren-7b-chat", "open_source", "True")} <= facts
    assert "developed-by" not in r.entities and "licence" not in r.entities


def test_chinese_prose_is_read_sentence_by_sentence_each_about_the_model_it_names(known):
    r = run("## 一、2023 年下半年：几个基座\n\n2023年9月，青松智能发布了 Lark-2，包含 70 亿和 130 亿参数两个版本。"
            "同样是 2023年9月，深度求索推出了 Wren-67B。它在 2 万亿 tokens 上训练。\n", known)
    facts = triples(r)
    assert ("lark-2", "developed_by", "qingsong-zhineng") in facts
    assert ("wren-67b", "developed_by", "shendu-qiusuo") in facts
    assert {("lark-2-7b", "parameters", "7000000000"), ("lark-2-13b", "parameters", "13000000000")} <= facts
    assert r.entities["lark-2-7b"].variant_of == r.entities["lark-2-13b"].variant_of == "lark-2"  # written as version_of
    assert not [k for k in r.entities if k.startswith("2023") or "jige-jizuo" in k]   # a period heading is no entity


def test_more_ways_to_say_what_a_model_builds_on():
    r = run("## Models\n- **Robin** - a fine-tune of Lark 7B.\n- **Finch** - distilled from Heron-70B.\n"
            "- **Owl** - a merge of Kite-Chat and Kite-Coder.\n- **Swan** - initialized from Lark 7B.\n")
    based = triples(r, "based_on")
    assert {("robin", "based_on", "lark-7b"), ("finch", "based_on", "heron-70b"), ("owl", "based_on", "kite-chat"),
            ("owl", "based_on", "kite-coder"), ("swan", "based_on", "lark-7b")} <= based
    kinds = {(f.subject, f.value.get("kind")) for f in r.facts if f.key == "based_on" and isinstance(f.value, dict)}
    assert {("finch", "distilled"), ("owl", "merge"), ("robin", "finetune")} <= kinds


def test_a_lab_heading_makes_the_items_under_it_and_a_possessive_names_a_maker():
    r = run("# Tracker\n\n## Google DeepMind\n\n- **Gemma** - open weights.\n\n## Reasoning\n\n- **o1** - thinks.\n\n"
            "## Notes\n\nOver the year Hugging Face's Zephyr-7B-beta and Stanford's Alpaca came out.\n")
    dev = triples(r, "developed_by")
    assert ("gemma", "developed_by", "google-deepmind") in dev
    assert not [d for d in dev if d[0] == "o1"]
    assert {("zephyr-7b-beta", "developed_by", "hugging-face"), ("alpaca", "developed_by", "stanford")} <= dev


def test_sub_items_name_a_report_data_weights_or_a_demo_of_their_head():
    r = run("## Models\n- **Wren** - a chat model.\n  - Report: https://arxiv.org/abs/2301.00001\n"
            "  - Data: https://huggingface.co/datasets/acme/zedchat\n  - Demo: https://wren.example.org\n"
            "## Benchmarks\n- **ZedBench** - questions.\n  - Data: https://huggingface.co/datasets/acme/zedbench\n")
    facts = triples(r)
    assert ("wren", "introduced_in", "paper-wren") in facts and ("wren", "trained_on", "zedchat") in facts
    assert r.entities["zedbench"].ids.get("huggingface") == "acme/zedbench"
    assert not {"report", "data", "demo"} & set(r.entities)


def test_a_new_maker_releasing_a_named_model_in_english_news_is_an_organization():
    r = run("## This week\n\nThis week, Quarry Forest Labs released Wren-12B, an open model. "
            "Last Monday, Zeta AI launched Finch-2B for coding.\n")
    dev = triples(r, "developed_by")
    assert {("wren-12b", "developed_by", "quarry-forest-labs"), ("finch-2b", "developed_by", "zeta-ai")} <= dev
    assert r.entities["zeta-ai"].type == "Organization"
    assert not [k for k in r.entities if k.startswith(("this-week", "last-monday"))]


def test_dates_venues_topics_and_phrases_are_no_entities():
    r = run("# Notes\n\n## Licensing\n\n- **Wren 2** — July 2024, ACL 2022 paper, runs on a MacBook with Python.\n\n"
            "## 几点个人看法\n\n随便写写。\n")
    assert not {"licensing", "july-2024", "acl-2022", "macbook", "python", "jidian-geren-kanfa"} & set(r.entities)
    assert "wren-2" in r.entities


def test_a_model_card_paragraph_and_an_entry_under_its_heading_give_their_fields():
    r = run("**Wren-7B-chat** is a chat model tuned for dialogue.\nDeveloped by: Quarry AI\n"
            "Base model: acme/Wren-7B\nLicense: Apache 2.0\nTraining data: 3.4T tokens of web text; ZedChat\n\n"
            "## 文生图\n\n### Lark XL（LXL 1.0）\n- 机构：青松科技\n- 链接：https://github.com/qingsong/lark-xl\n")
    facts = triples(r)
    assert {("wren-7b-chat", "developed_by", "quarry-ai"), ("wren-7b-chat", "based_on", "wren-7b"),
            ("wren-7b-chat", "open_source", "True")} <= facts
    assert not [k for k in r.entities if "tokens" in k or k.startswith("3-4t")]
    assert ("lark-xl", "developed_by", "qingsong-keji") in facts
    assert ("lark-xl", "repository", "https://github.com/qingsong/lark-xl") in facts
    assert "lianjie" not in r.entities and "LXL 1.0" in r.entities["lark-xl"].names


def test_a_citation_after_a_paper_names_its_first_authors():
    r = run("The idea comes from [Tuning Small Models Well](https://arxiv.org/abs/2101.00001) (Wei et al., 2021), "
            "and [Sanh et al.](https://arxiv.org/abs/2110.08207) did the same. See also "
            "[Lark: A Chat Model for Fun](https://arxiv.org/abs/2301.00002) (Hu and Shen, 2023).\n")
    authors = triples(r, "authors")
    assert ("tuning-small-models-well", "authors", "wei") in authors
    assert {("lark-a-chat-model-for-fun", "authors", "hu"), ("lark-a-chat-model-for-fun", "authors", "shen")} <= authors
    assert any(a[2] == "sanh" for a in authors)
    assert r.entities["wei"].type == "Person"


def test_a_hub_id_in_a_field_names_the_model_not_its_owner():
    r = run("**Wren-1B-Instruct** is a small chat model.\nDeveloped by: Quarry AI\nBase model: quarry-ai/Wren-1B\n"
            "Training data: acme/ZedChat and https://huggingface.co/datasets/acme/zedsft\n")
    facts = triples(r)
    assert ("wren-1b-instruct", "based_on", "wren-1b") in facts
    assert {("wren-1b-instruct", "trained_on", "zedchat"), ("wren-1b-instruct", "trained_on", "zedsft")} <= facts
    assert not [f for f in facts if f[2] in ("quarry-ai", "acme") and f[1] in ("based_on", "trained_on")]


# ---------------------------------------------------------------- people and organizations in prose
def affiliations(result):
    return {(f.subject, f.value["id"], f.value.get("current", True)) for f in result.facts if f.key == "affiliated_with"}


def test_a_newsletter_sentence_ties_people_to_the_organizations_they_left_founded_and_joined():
    r = run("## News\n\nPriya Raman and Tomas Berg, who left Vexa Labs in 2022 to found Quillon AI, "
            "will join Northwind Research next month.\n")
    assert {("priya-raman", "vexa-labs", False), ("tomas-berg", "vexa-labs", False), ("priya-raman", "quillon-ai", True),
            ("tomas-berg", "quillon-ai", True), ("priya-raman", "northwind-research", True)} <= affiliations(r)


def test_a_role_before_or_after_a_name_ties_the_person_to_the_organization():
    r = run("## News\n\nHelix University professor Mara Quint spoke first. Ivo Dane, a former Orbis Labs researcher, "
            "followed.\n")
    assert {("mara-quint", "helix-university", True), ("ivo-dane", "orbis-labs", False)} <= affiliations(r)


def test_the_founders_of_the_company_a_paragraph_is_about_are_read_from_the_next_sentence():
    r = run("## News\n\nThis week, [Calder Labs](https://calder.example) came out of stealth. The Lisbon-based startup "
            "was founded by Ana Ruiz and Joel Park. Its co-founders also include Lee Oh.\n")
    got = affiliations(r)
    assert {("ana-ruiz", "calder-labs", True), ("joel-park", "calder-labs", True)} <= got
    assert ("calder-labs", "headquarters", "lisbon") in triples(r)


def test_a_chinese_founder_and_a_former_role_are_read_without_a_known_name():
    r = run("## 公司\n\n百川智能创始人王小川，前搜狗 CEO。杨植麟创办的月之暗面上线了 Kimi 智能助手。\n")
    got = affiliations(r)
    assert ("wang-xiaochuan", "baichuan-zhineng", True) in got
    assert ("yang-zhilin", "yuezhi-anmian", True) in got


def test_a_surname_alone_refers_to_the_person_named_before():
    r = run("## News\n\nNoor Halabi joined Fennec AI in May. Halabi previously worked at Ostra Labs.\n")
    assert ("noor-halabi", "ostra-labs", False) in affiliations(r)


def test_places_of_organizations_are_read_from_appositives_and_offices():
    r = run("## News\n\nShanghai-based Lumo released Lumo-7B. Tarn Labs, a Toronto startup, has offices in Oslo and "
            "Lyon. Mistral AI is a French start-up.\n")
    hq = {(f.subject, f.value) for f in r.facts if f.key == "headquarters"}
    assert {("lumo", "shanghai"), ("tarn-labs", "toronto"), ("tarn-labs", "oslo"), ("tarn-labs", "lyon")} <= hq
    assert not any(v == "french" for _, v in hq)


def test_a_bold_headline_of_a_newsletter_is_no_entity():
    r = run("## Issue 12 (3 May 2024)\n\n**Small models are back.** Orlen AI released Pike-3B on Monday.\n")
    assert not {"small-models-are-back", "issue-12"} & set(r.entities)
    assert ("pike-3b", "developed_by", "orlen-ai") in triples(r)


def test_a_chinese_paragraph_credits_its_company_with_each_model_its_sentences_release():
    r = run("## 模型\n\n星河云的灵犀走的是全尺寸路线。2023年8月先开源了 Lingxi-7B，11月又放出了 700 亿参数的 Lingxi-70B "
            "和 18 亿参数的 Lingxi-1.8B。\n")
    t = triples(r)
    maker = slugify("星河云")
    assert {("lingxi-7b", "developed_by", maker), ("lingxi-70b", "developed_by", maker)} <= t
    assert ("lingxi-70b", "parameters", "70000000000") in t and ("lingxi-1-8b", "parameters", "1800000000") in t
    assert ("lingxi-7b", "parameters", "70000000000") not in t


def test_organizations_joined_by_lianhe_all_release_the_model():
    r = run("## 模型\n\n2023年9月，北辰人工智能实验室联合南湖科技等机构推出了书生 Shu-20B。它有 200 亿参数。\n")
    t = triples(r)
    assert {("shu-20b", "developed_by", "beichen-rengong-zhineng-shiyanshi"), ("shu-20b", "developed_by", "nanhu-keji"),
            ("shu-20b", "parameters", "20000000000")} <= t


# ---------------------------------------------------------------- the field's names for techniques, makers in brackets
def test_an_abbreviation_a_spelled_out_name_and_a_chinese_name_of_a_technique_are_one_entity():
    r = run("## Models\n\n- Pike-7B：经过 SFT 和 DPO 对齐，采用混合专家架构。\n"
            "- Pike-13B uses direct preference optimization and a mixture of experts.\n")
    t = triples(r, "uses")
    assert {("pike-7b", "uses", "dpo"), ("pike-13b", "uses", "dpo"), ("pike-7b", "uses", "mixture-of-experts"),
            ("pike-13b", "uses", "mixture-of-experts"), ("pike-7b", "uses", "supervised-fine-tuning")} <= t
    assert r.entities["mixture-of-experts"].labels == {"en": "mixture of experts", "zh": "混合专家"}


def test_a_technique_is_said_to_use_another_only_when_the_text_says_so():
    r = run("## Techniques\n\n- **GRPO** - drops the value model of PPO.\n- **QLoRA** - combines LoRA with 4-bit NF4.\n")
    t = triples(r, "uses")
    assert ("grpo", "uses", "ppo") not in t
    assert ("qlora", "uses", "lora") in t


def test_makers_in_brackets_after_an_items_name_give_its_developers_and_where_they_work():
    r = run("## Benchmarks\n\n- **Quill** (Ada Moss and Ben Ito of the University of Zed, Cal Ruiz of Orbit AI; ACL 2023)\n"
            "  - 500 questions.\n- **Reed** (Zeta Labs: Dee Ong, Eli Park; ICLR 2024)\n- **Sable** (MoE)\n")
    t = triples(r)
    assert {("quill", "developed_by", "ada-moss"), ("quill", "developed_by", "university-of-zed"),
            ("ada-moss", "affiliated_with", "university-of-zed"), ("ben-ito", "affiliated_with", "university-of-zed"),
            ("cal-ruiz", "affiliated_with", "orbit-ai"), ("reed", "developed_by", "zeta-labs"),
            ("dee-ong", "affiliated_with", "zeta-labs")} <= t
    assert not any(s == "sable" and k == "developed_by" for s, k, _ in t)


def test_a_heading_and_a_paper_title_that_name_a_technique_are_that_technique():
    r = run("## DPO\n\n[Direct Preference Optimization: Your Model is a Reward Model](https://arxiv.org/abs/2305.18290) "
            "(Rafailov et al., 2023) came out of Stanford.\n")
    assert r.entities["dpo"].type == "Technique"
    paper = next(k for k, e in r.entities.items() if e.type == "Paper")
    assert ("dpo", "introduced_in", paper) in triples(r) and (paper, "authors", "rafailov") in triples(r)


def test_an_acronym_of_a_technique_matches_only_as_written():
    r = run("## Notes\n\n- Heron-7B: trained with RL, not with rl scripts; moe is no MoE.\n")
    uses = triples(r, "uses")
    assert ("heron-7b", "uses", "reinforcement-learning") in uses
    assert ("heron-7b", "uses", "mixture-of-experts") not in uses  # "no MoE"
    assert not any(m.lower() == "rl scripts" or e.label == "moe" for e in r.entities.values() for m in e.names)


def test_links_labelled_paper_and_code_belong_to_the_items_head():
    r = run("## Tools\n\n- [Wisp](https://wisp.example) - a tuner. [[paper](https://arxiv.org/abs/2101.00001)] "
            "[[code](https://github.com/acme/wisp)]\n")
    t = triples(r)
    assert ("wisp", "repository", "https://github.com/acme/wisp") in t
    assert any(s == "wisp" and k == "introduced_in" for s, k, _ in t)
    assert not {"paper", "code"} & set(r.entities)


def test_a_paper_entry_with_fields_as_sub_items_or_on_one_line_gives_its_authors_publishers_and_address():
    r = run("## 论文\n\n1. Sparse Wave Models for Speech（ICASSP 2021）\n   - 作者：Ann Lee, Bo Chen\n   - 机构：北湖大学\n"
            "   - 链接：https://arxiv.org/abs/2101.00002\n\n"
            "2. 稀疏波形 Dense Wave Models Revisited (ICML 2022) 作者：王小明 等 机构：Acme Labs 链接：https://arxiv.org/abs/2202.00003\n")
    t = triples(r)
    first, second = "sparse-wave-models-for-speech", "dense-wave-models-revisited"
    assert {(first, "authors", "ann-lee"), (first, "authors", "bo-chen"), (first, "publisher", "beihu-daxue"),
            (first, "url", "https://arxiv.org/abs/2101.00002"), (first, "released", "2021")} <= t
    assert {(second, "authors", "wang-xiaoming"), (second, "publisher", "acme-labs"), (second, "released", "2022")} <= t
    assert not {"zuozhe", "jigou", "lianjie"} & set(r.entities)  # 作者, 机构, 链接 are no names


# ---------------------------------------------------------------- references and citations
def test_a_numbered_list_of_references_gives_papers_authors_years_and_what_each_introduces():
    r = run("# Notes\n\nHeron [2] builds on the Wide Transformer [1].\n\n## References\n\n"
            '[1] A. Lee, B. Chen, and C. Ré, "Wide transformers for long inputs," in NeurIPS, 2021.\n'
            '[2] D. Park et al., "Heron: An open foundation language model," arXiv:2301.00005, 2023.\n')
    t = triples(r)
    papers = {e.label: k for k, e in r.entities.items() if e.type == "Paper"}
    wide, heron = papers["Wide transformers for long inputs"], papers["Heron: An open foundation language model"]
    assert {(wide, "authors", "a-lee"), (wide, "authors", "c-re"), (wide, "released", "2021"),
            (heron, "url", "https://arxiv.org/abs/2301.00005"), (heron, "authors", "d-park")} <= t
    assert ("heron", "introduced_in", heron) in t and ("wide-transformer", "introduced_in", wide) in t
    assert ("notes", "cites", wide) in t


def test_references_in_apa_and_acl_styles_are_read():
    from graph.ingest.bibliography import parse_reference
    apa = parse_reference("Lee, A., Chen, B., & Ito, C. (2022). Sparse wave models. arXiv preprint arXiv:2201.00001.")
    acl = parse_reference("Ann Lee, Bo Chen, and Cal Ito. 2022. Sparse wave models. In Proceedings of ACL, pages 1–9.")
    assert apa.authors == ["A. Lee", "B. Chen", "C. Ito"] and apa.year == "2022" and apa.arxiv == "2201.00001"
    assert acl.authors == ["Ann Lee", "Bo Chen", "Cal Ito"] and acl.title == "Sparse wave models"
    assert acl.venue == "ACL"


# ---------------------------------------------------------------- the Hub's model tree
def test_hub_ids_name_models_and_lineage_phrases_give_the_kind_of_each_step():
    r = run("## Fine-tunes of Wren-7B\n\n"
            "- [acme/wren-7b-chat](https://huggingface.co/acme/wren-7b-chat) — DPO fine-tune of acme/Wren-7B-v0.1.\n"
            "- **Wren-Mix-7B** is a merge of two 7B models (Wren-7B-chat and Finch-7B) made with mergekit.\n"
            "- bloke/Wren-7B-GGUF is a GGUF quantization of acme/Wren-7B-v0.1 for llama.cpp.\n"
            "- jdoe/wren-lora is a QLoRA adapter for acme/Wren-7B-v0.1.\n")
    t = triples(r, "based_on")
    kinds = {(f.subject, f.value["id"], f.value.get("kind")) for f in r.facts if f.key == "based_on" and isinstance(f.value, dict)}
    assert ("wren-7b-chat", "wren-7b-v0-1", "finetune") in kinds
    assert {("wren-mix-7b", "wren-7b-chat", "merge"), ("wren-mix-7b", "finch-7b", "merge")} <= kinds
    assert ("wren-7b-gguf", "wren-7b-v0-1", "quantized") in kinds and ("wren-lora", "wren-7b-v0-1", "adapter") in kinds
    assert r.entities["wren-7b-chat"].ids.get("huggingface") == "acme/wren-7b-chat"
    assert "acme" not in r.entities and not any(k == "wren-7b-chat" and v == "wren-7b" for k, _, v in t)


# ---------------------------------------------------------------- changelogs and people
def test_a_changelog_heading_gives_the_release_date_and_a_version_per_size():
    r = run("## Acme\n\n### 2024-04-18 — Wren 3 (8B, 70B)\n- Successor to Wren 2.\n\n### Sep 27, 2023: Finch 7B\n- Apache 2.0.\n")
    t = triples(r)
    assert {("wren-3", "released", "2024-04"), ("wren-3-8b", "version_of", "wren-3"), ("wren-3", "successor_of", "wren-2"),
            ("finch-7b", "released", "2023-09")} <= t


def test_a_people_list_says_what_each_person_made_and_where_they_work():
    r = run("## People\n\n- **Ann Lee** (Zed University, Orbit AI) — author of Wisp and co-creator of Reed with Bo Chen. "
            "Founded Tarn Labs in 2024.\n\nCal Ito is a professor at Helix University. He led the Quill benchmark.\n")
    t = triples(r)
    assert {("ann-lee", "affiliated_with", "zed-university"), ("ann-lee", "affiliated_with", "orbit-ai"),
            ("wisp", "developed_by", "ann-lee"), ("reed", "developed_by", "bo-chen"),
            ("ann-lee", "affiliated_with", "tarn-labs"), ("quill", "developed_by", "cal-ito"),
            ("cal-ito", "affiliated_with", "helix-university")} <= t


def test_a_chinese_article_about_founders_ties_each_to_the_company_and_to_where_they_studied_and_worked():
    r = run("## 星河\n\n星河成立于2023年3月，创始人李想毕业于北湖大学，曾在南山大学读博，此前联合创办了云帆科技。"
            "2023年10月，公司推出了 Luma 助手。\n\n## 百川\n\n百川由蓝鲸前CEO王小川于2023年4月创立。\n")
    got = affiliations(r)
    assert {("li-xiang", "xinghe", True), ("li-xiang", "beihu-daxue", False), ("li-xiang", "nanshan-daxue", False),
            ("li-xiang", "yunfan-keji", True), ("wang-xiaochuan", "lanjing", False)} <= got
    t = triples(r)
    assert ("luma", "offered_by", "xinghe") in t and ("xinghe", "founded", "2023-03") in t  # (an assistant is a service)
    assert ("wang-xiaochuan", slugify("百川"), True) in got


def test_a_chinese_dataset_table_reads_its_publishing_organization_and_a_remark_the_model_trained_on_it():
    r = run("## 预训练语料\n\n| 数据集 | 发布机构 | 规模 | 链接 |\n|---|---|---|---|\n"
            "| PileX-100B | 星河科技 | 100B tokens | https://huggingface.co/datasets/xh/PileX-100B |\n\n"
            "备注：PileX-100B 是 Zed-13B 的预训练数据。\n")
    t = triples(r)
    assert ("pilex-100b", "developed_by", "xinghe-keji") in t and ("zed-13b", "trained_on", "pilex-100b") in t


def test_a_denial_reaches_over_a_list_of_techniques():
    r = run("## Models\n\n- Kite-7B: trained with RLHF, without Monte Carlo tree search, value functions or process reward models.\n")
    uses = triples(r, "uses")
    assert ("kite-7b", "uses", "rlhf") in uses
    assert not {("kite-7b", "uses", "monte-carlo-tree-search"), ("kite-7b", "uses", "process-reward-model")} & uses


def test_a_heading_with_a_chinese_and_an_english_name_and_allies_in_brackets_of_a_maker_field():
    r = run("## 文生图\n\n### 可画 Quill\n- 机构：北湖实验室（联合南山大学、东海大学）\n- 发布时间：2024-07-06\n")
    t = triples(r)
    assert {("quill", "developed_by", "beihu-shiyanshi"), ("quill", "developed_by", "nanshan-daxue"),
            ("quill", "developed_by", "donghai-daxue"), ("quill", "released", "2024-07")} <= t
    assert "可画" in r.entities["quill"].names


def test_a_model_uses_the_techniques_its_papers_title_names_and_a_moe_in_its_name():
    r = run("## Models\n\n1. [Wren: Efficient Language Models with Mixture-of-Experts](https://arxiv.org/abs/2101.00009) — Acme, 2021\n"
            "2. Finch-MoE-A3B：混合模型，2024年发布。\n")
    uses = triples(r, "uses")
    assert ("wren", "uses", "mixture-of-experts") in uses and ("finch-moe-a3b", "uses", "mixture-of-experts") in uses


def test_chinese_and_name_based_lineage():
    r = run("## 模型\n\n* Kite：Acme 在 Wren 2 70B 基础上继续用代码数据训练的模型\n"
            "* Finch：在 Heron-7B 上用 5 万条指令微调；后来改用 Lark-13B 作为底座。\n"
            "* Heron-7B-Instruct：对话版本\n")
    t = {(f.subject, f.value["id"] if isinstance(f.value, dict) else f.value) for f in r.facts if f.key == "based_on"}
    assert {("kite", "wren-2-70b"), ("finch", "heron-7b"), ("finch", "lark-13b"), ("heron-7b-instruct", "heron-7b")} <= t


def test_a_papers_title_link_is_the_paper_even_when_it_opens_with_a_known_name_and_bracket_makers_wrote_it(known):
    r = run("## LoRA\n\n[LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685) "
            "(Hu et al., 2021) is from Microsoft.\n\n## Benchmarks\n\n- **Quill** (Ada Moss, Ben Ito; ICLR 2024)\n"
            "  - Paper: https://arxiv.org/abs/2401.00007\n", known)
    t = triples(r)
    paper = next(k for k, e in r.entities.items() if e.type == "Paper" and e.label.startswith("LoRA:"))
    assert (paper, "authors", "hu") in t and ("lora", "introduced_in", paper) in t
    quill_paper = next(v for s, k, v in t if s == "quill" and k == "introduced_in")
    assert {(quill_paper, "authors", "ada-moss"), (quill_paper, "authors", "ben-ito")} <= t


def test_a_model_tree_in_a_code_block_and_arrows_give_each_derivation_and_its_kind():
    r = run("## Tree\n\n```\nacme/Wren-7B\n├── bob/wren-7b-sft        (SFT)\n│   └── bloke/wren-7b-sft-GGUF\n"
            "└── carl/Wren-Mix-7B       (merge)\n```\n\n- `acme/Wren-7B` -> `dee/Wren-7B-AWQ` — 4-bit AWQ quant.\n"
            "- Sizes: 1B -> 2T tokens.\n")
    kinds = {(f.subject, f.value["id"], f.value.get("kind")) for f in r.facts if f.key == "based_on" and isinstance(f.value, dict)}
    assert {("wren-7b-sft", "wren-7b", "finetune"), ("wren-7b-sft-gguf", "wren-7b-sft", "quantized"),
            ("wren-mix-7b", "wren-7b", "merge"), ("wren-7b-awq", "wren-7b", "quantized")} <= kinds
    assert not any(f.key == "based_on" and "2t" in f.subject for f in r.facts)


def test_a_chinese_name_is_found_again_inside_running_chinese_text_and_a_numbered_heading_names_the_company():
    r = run("## 01 | 星河跃迁：微软出来的技术人\n\n星河跃迁成立于 **2023年4月**，创始人兼 CEO 是**姜一山**。\n\n"
            "姜一山在**微软**待了大约 16 年，离开时的职位是**微软全球副总裁**。和他一起搭班子的是首席科学家**张二水**、CTO **朱三木**。\n")
    got = affiliations(r)
    company = slugify("星河跃迁")
    assert {("jiang-yishan", company, True), ("zhang-ershui", company, True), ("zhu-sanmu", company, True),
            ("jiang-yishan", "weiruan", True)} <= got
    assert not any(e.label.startswith("2023") for e in r.entities.values())


def test_a_persons_verb_chain_gives_each_company_and_its_co_founders_and_a_role_is_no_organization():
    r = run("## People\n\n- **Ann Lee** — researcher at Zed Brain until 2021. Left Zed in May 2021 to co-found Quill AI with "
            "Bo Chen and Cal Ito. Co-founded Tarn Labs with Dee Ong.\n- **Eli Park** (CEO) — previously VP of Research at Orbit AI.\n")
    got = affiliations(r)
    assert {("ann-lee", "quill-ai", True), ("bo-chen", "quill-ai", True), ("cal-ito", "quill-ai", True),
            ("ann-lee", "tarn-labs", True), ("dee-ong", "tarn-labs", True), ("eli-park", "orbit-ai", False)} <= got
    assert not {"ceo", "vp-of-research", "co-founded-tarn-labs"} & set(r.entities)


def test_organizations_after_et_al_and_an_acronym_in_brackets_made_the_item_and_a_numbered_name_succeeds_it():
    r = run("## Multimodal\n\n- [Wisp](https://github.com/a/wisp) - an encoder joined to a chat model. Liu et al. "
            "(Zed University, Orbit Research). [[paper](https://arxiv.org/abs/2304.00008)]\n"
            "  - Wisp-1.5 swaps the projection for an MLP.\n- [Reed](https://github.com/b/reed) (KAUST) - a small model.\n")
    t = triples(r)
    assert {("wisp", "developed_by", "zed-university"), ("wisp", "developed_by", "orbit-research"),
            ("reed", "developed_by", "kaust"), ("wisp-1-5", "successor_of", "wisp")} <= t


def test_a_model_heading_under_a_lab_heading_was_made_by_the_lab():
    r = run("# Changelog\n\n## Acme (Wren)\n\n### 2024-04-18 — Wren 3 (8B, 70B)\n- Trained on 15T tokens.\n\n"
            "## Zeta Labs\n\n### Finch 7B\n- A small model.\n")
    t = triples(r)
    assert {("wren-3", "developed_by", "acme"), ("finch-7b", "developed_by", "zeta-labs")} <= t
    assert not any(s == "acme" and k == "developed_by" for s, k, _ in t)


def test_a_table_cell_with_a_name_and_another_in_brackets_and_a_link_whose_text_is_an_arxiv_id():
    r = run("## 语料\n\n| 数据集 | 发布机构 | 链接 |\n|---|---|---|\n| PileZ | AZ2（北湖人工智能研究所） | https://huggingface.co/datasets/az/pilez |\n\n"
            "- PileZ 是 AZ2 为 Wren 准备的语料，论文：[arXiv:2402.00159](https://arxiv.org/abs/2402.00159)。\n")
    t = triples(r)
    assert ("pilez", "developed_by", "az2") in t and "北湖人工智能研究所" in r.entities["az2"].names
    assert any(s == "pilez" and k == "introduced_in" for s, k, _ in t)
    assert not any(k.startswith("arxiv-") for k in r.entities)


def test_a_remark_on_a_paper_names_what_it_introduces_and_a_phrase_before_a_colon_is_no_name():
    r = run("## 论文\n\n1. A Wave is Worth Many Words: Sparse Models at Scale（ICLR 2021）\n   作者：Ann Lee 等\n"
            "   链接：https://arxiv.org/abs/2010.11939\n   备注：WaveT，把声音切成片段。\n")
    t = triples(r)
    paper = next(k for k, e in r.entities.items() if e.type == "Paper")
    assert ("wavet", "introduced_in", paper) in t
    assert "a-wave-is-worth-many-words" not in r.entities


def test_a_hub_id_after_an_alignment_step_is_the_data_it_was_trained_on():
    r = run("## Models\n\n**Wren-7B-DPO** starts from Wren-7B and adds a DPO pass on `acme/pref-pairs`.\n")
    assert ("wren-7b-dpo", "trained_on", "pref-pairs") in triples(r)


def test_an_organization_in_brackets_after_a_model_made_it_and_a_possessor_is_no_base():
    r = run("## Models\n\nBase: `acme/Wren-7B` (Acme AI). Everything builds on it.\n\n"
            "- [Finch](https://github.com/b/finch) - `finch-12b`, derived from Zeta Labs's Heron-12b and tuned on some-data.\n")
    t = triples(r)
    assert ("wren-7b", "developed_by", "acme-ai") in t and ("heron-12b", "developed_by", "zeta-labs") in t
    assert not any(k == "based_on" and v in ("zeta-labs", "some-data") for _, k, v in t)


def test_a_bold_persons_paragraph_gives_each_organization_of_their_career():
    r = run("## People\n\n**Ann Lee** — Orbit AI co-founder who studied at Zed University. Moved to Tarn Labs in 2024, "
            "then became chief scientist of Quill Research.\n\n**Bo Chen** — Orbit AI CTO until 2024. Co-founded Reed AI "
            "(RAI) with his sister Cal Chen.\n")
    got = affiliations(r)
    assert {("ann-lee", "orbit-ai", True), ("ann-lee", "tarn-labs", True), ("ann-lee", "quill-research", True),
            ("bo-chen", "orbit-ai", False), ("bo-chen", "reed-ai", True), ("cal-chen", "reed-ai", True)} <= got


def test_a_chinese_person_is_a_role_at_an_organization_and_a_role_at_a_clause_start_is_the_sections_company():
    r = run("## 03 | 星河智能：北湖实验室 + 某站前 CTO\n\n星河智能的技术来自**北湖大学**，创始人**刘一山**是北湖大学计算机系副教授。"
            "CEO **李二水**此前是**南风科技** CTO。\n")
    got = affiliations(r)
    company = slugify("星河智能")
    assert {("liu-yishan", "beihu-daxue", True), ("liu-yishan", company, True), ("li-ershui", company, True),
            ("li-ershui", "nanfeng-keji", False)} <= got


def test_a_chinese_sentence_with_no_person_goes_on_with_the_last_one():
    from graph.ingest.affiliations import ties_zh
    t = "梁一，北湖大学本硕毕业。2015年他和同学创办了量化私募南风量化，2023年7月又成立了星河求索。"
    orgs = [(t.find(n), t.find(n) + len(n)) for n in ("北湖大学", "南风量化", "星河求索")]
    ties = {(t[x.org[0]:x.org[1]], x.role, x.current) for x in ties_zh(t, [(0, 2)], orgs)}
    assert ties == {("北湖大学", "学生", False), ("南风量化", "创始人", None), ("星河求索", "创始人", None)}


def test_in_prose_its_goes_on_with_the_last_model_and_a_guessed_topic_uses_only_its_own_sentences_techniques():
    r = run("## Acme AI\n\nWren 7B was released in May 2024. Two choices explain its speed: grouped-query attention and "
            "sliding-window attention.\n\nIn June the company followed with Finch 8x7B, a sparse mixture-of-experts model. "
            "Other labs use RLHF.\n")
    uses = triples(r, "uses")
    assert {("wren-7b", "uses", "grouped-query-attention"), ("wren-7b", "uses", "sliding-window-attention"),
            ("finch-8x7b", "uses", "mixture-of-experts")} <= uses
    assert ("finch-8x7b", "uses", "rlhf") not in uses


def test_a_linked_papers_organizations_may_be_a_comma_list_before_the_year():
    r = run("## Robots\n\n6. [Kite: An Open Generalist Robot Policy](https://arxiv.org/abs/2405.12299) — Zed University, "
            "Orbit AI, Tarn Labs, 2024\n")
    t = triples(r)
    paper = next(k for k, e in r.entities.items() if e.type == "Paper")
    assert {(paper, "publisher", "zed-university"), (paper, "publisher", "orbit-ai"), (paper, "publisher", "tarn-labs"),
            ("kite", "developed_by", "tarn-labs"), (paper, "released", "2024")} <= t


# ---------------------------------------------------------------- round of 2026-12-01 (evening)
def test_the_person_an_item_is_about_owns_its_cues_not_the_person_named_after_with(known):
    r = run("# People\n\n**Ada Quill** — PhD at Stanford with Rhea Vo, Director of AI at Tesla from 2017 to 2022, "
            "then founded Wren Labs in 2024.\n", known)
    ties = triples(r, "affiliated_with")
    assert ("ada-quill", "affiliated_with", "wren-labs") in ties and ("ada-quill", "affiliated_with", "tesla") in ties
    assert not {t for t in ties if t[0] == "rhea-vo"}


def test_ex_before_an_organization_is_a_past_tie(known):
    r = run("- **Bo Lind** (chief scientist) — ex-Meta; co-author of LLaMA\n", known)
    f = next(f for f in r.facts if f.subject == "bo-lind" and f.key == "affiliated_with")
    assert f.value == {"id": "meta", "current": False}


def test_a_second_group_of_founders_after_and_by(known):
    r = run("Wren AI is a start-up founded in Paris in 2023 by Ann Lee, who had worked at Google, and by Bob Stone "
            "and Carl Wu, both formerly at Meta.\n", known)
    ties = triples(r, "affiliated_with")
    assert {("ann-lee", "affiliated_with", "wren-ai"), ("bob-stone", "affiliated_with", "wren-ai"),
            ("carl-wu", "affiliated_with", "wren-ai"), ("ann-lee", "affiliated_with", "google")} <= ties


def test_a_table_cell_with_several_sizes_gives_a_version_per_size():
    r = run("Model | Organization | Parameters\n--- | --- | ---\nWren | Acme Labs | 2.6B / 13B / 200B\n")
    assert {("wren-2-6b", "version_of", "wren"), ("wren-13b", "version_of", "wren"),
            ("wren-200b", "version_of", "wren"), ("wren-13b", "parameters", "13000000000")} <= triples(r)
    one = run("Model | Parameters\n--- | ---\nLark | 7B\n")
    assert ("lark", "parameters", "7000000000") in triples(one) and not triples(one, "version_of")


def test_models_listed_before_a_technique_use_it_but_not_when_denied(known):
    r = run("We compare GPT-3 with Wren-2 and Lark-7B. Wren-2 and Lark-7B are sparse mixture-of-experts models.\n", known)
    assert {("wren-2", "uses", "mixture-of-experts"), ("lark-7b", "uses", "mixture-of-experts")} <= triples(r, "uses")
    no = run("We compare GPT-3 with Wren-2. Wren-2 is not a mixture-of-experts model.\n", known)
    assert ("wren-2", "uses", "mixture-of-experts") not in triples(no, "uses")


def test_two_bold_heads_share_what_the_item_says_but_not_their_sizes(known):
    r = run("## OpenAI\n\n- **Wren 9B** and **Wren 27B** — 27 June 2024. Uses grouped-query attention.\n", known)
    t = triples(r)
    assert {("wren-27b", "developed_by", "openai"), ("wren-27b", "uses", "grouped-query-attention"),
            ("wren-9b", "released", "2024-06-27")} <= t
    assert ("wren-27b", "parameters", "9000000000") not in t


def test_a_report_link_is_the_paper_and_is_not_named_like_the_model():
    r = run("- **Wren** — a chat model. Technical report: https://arxiv.org/abs/2312.11805\n")
    assert ("wren", "introduced_in", "paper-wren") in triples(r)
    assert r.entities["paper-wren"].label == "Wren paper"


def test_a_quantized_file_uses_its_format_and_is_made_by_its_hub_owner():
    r = run("- `bob/Wren-7B-GGUF` (quantized)\n- `acme/Wren-7B` — a base model\n")
    t = triples(r)
    assert {("wren-7b-gguf", "uses", "gguf"), ("wren-7b-gguf", "developed_by", "bob")} <= t
    assert not {x for x in t if x[0] == "wren-7b" and x[1] == "developed_by"}


def test_a_paper_cited_by_surnames_next_to_its_address_is_by_them():
    r = run("- **Wren** - a quantizer (Frantar, Ashkboos and Hoefler; https://arxiv.org/abs/2210.17323)\n"
            "- **Lark** - prompted datasets ([Sanh et al.](https://arxiv.org/abs/2110.08207))\n")
    t = triples(r)
    assert {("wren", "introduced_in", "paper-wren"), ("paper-wren", "authors", "frantar"),
            ("paper-wren", "authors", "hoefler"), ("lark", "introduced_in", "paper-lark"),
            ("paper-lark", "authors", "sanh")} <= t
    assert "sanh-et-al" not in r.entities  # (the link's text is a citation, not the paper's name)


def test_lineage_from_starts_from_and_an_image_encoder(known):
    r = run("- **Wren-Chat** - it starts from Lark-7B and adds a DPO pass.\n"
            "- **Finch-VL** - a CLIP image encoder connected to Lark-7B through a projection layer.\n", known)
    t = triples(r, "based_on")
    assert {("wren-chat", "based_on", "lark-7b"), ("finch-vl", "based_on", "clip"), ("finch-vl", "based_on", "lark-7b")} <= t


def test_a_report_or_paper_label_before_an_address_that_is_no_paper_gives_no_paper():
    r = run("- **Wren** - a tool. Bug reports: https://github.com/acme/wren/issues\n")
    assert not triples(r, "introduced_in")
