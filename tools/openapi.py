"""Writes Sources/Server/Public/openapi.json, the API's description.

Kept as a script so the schemas are written once and reused; run it after changing the
API and commit the result (the server serves the file as is).
"""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "Sources" / "Server" / "Public" / "openapi.json"

def nullable(schema):
    # With an enum, OpenAPI 3.0 wants null listed among the values too.
    if "enum" in schema:
        return {**schema, "nullable": True, "enum": schema["enum"] + [None]}
    return {**schema, "nullable": True}

date = {"type": "string", "format": "date", "example": "2024-06-30"}
string = {"type": "string"}
# Names: InputLimits.nameCharacters (Sources/Domain/InputLimits.swift).
text = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "\\S"}
levels_skill = ["初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师", "五级", "四级", "三级", "二级", "一级"]
skill_names = ["初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师"]
title_names = ["员级", "助理级", "中级", "副高级", "正高级"]
jurisdictions = ["zhejiang", "quzhou", "zhoushan", "shaoxing", "hebei"]

field_error = {"type": "object", "required": ["field", "message"], "properties": {"field": string, "message": string}}
problem = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": string, "title": string, "status": {"type": "integer"}, "detail": string,
        "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
        "instance": {"type": "string", "description": "问题所涉的已有记录（如已提交的申请 /cases/{id}）"},
    },
}
citation = {"type": "object", "required": ["policy", "clause", "quote"], "properties": {"policy": string, "clause": string, "quote": string}}
condition = {
    "type": "object", "required": ["id", "text", "status", "citation"],
    "properties": {
        "id": string, "text": string, "status": {"type": "string", "enum": ["met", "unmet", "unknown"]},
        "citation": {"$ref": "#/components/schemas/Citation"}, "metOn": date,
    },
}
basis = {
    "type": "object", "required": ["kind"],
    "properties": {"kind": {"type": "string", "enum": ["skill", "honor", "title", "none"]}, "occupation": string, "series": string, "level": string, "name": string},
}
status = {"type": "string", "enum": ["eligible", "not_yet", "ineligible", "undetermined"]}
committee = {"type": "object", "required": ["name", "host", "phone"], "properties": {"name": string, "host": nullable(string), "phone": nullable(string)}}
provider = {"type": "object", "required": ["name", "contact", "levels"], "properties": {"name": string, "contact": nullable(string), "levels": {"type": "array", "items": string}, "workType": string}}
procedure = {
    "type": "object", "required": ["policy", "clause", "definedBy", "steps", "notes"],
    "description": "申报流程：文件规定的步骤（由谁、做什么、依据的条款原文）；definedBy 为 annual_notice 时，文件将步骤留给当年度通知，deferral 引其原文",
    "properties": {
        "policy": string, "clause": string, "definedBy": {"type": "string", "enum": ["document", "annual_notice"]},
        "appliesTo": string, "deferral": {"$ref": "#/components/schemas/Citation"},
        "steps": {"type": "array", "items": {"type": "object", "required": ["actor", "act", "citation"], "properties": {
            "actor": string, "act": {"type": "string", "enum": ["申报", "推荐", "审核", "初审", "资格审核", "公示", "上报", "评审", "认定", "鉴定", "颁证"]},
            "citation": {"$ref": "#/components/schemas/Citation"}}}},
        "notes": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}},
    },
}
title_option = {
    "type": "object",
    "required": ["series", "level", "route", "status", "earliestDate", "basis", "conditions", "committee", "notes"],
    "properties": {
        "series": nullable(string), "specialty": string, "level": {"type": "string", "enum": title_names},
        "route": {"type": "string", "enum": ["regular", "direct_apply", "direct_recognition"]}, "status": status,
        "earliestDate": nullable(date), "basis": {"$ref": "#/components/schemas/Basis"},
        "conditions": {"type": "array", "items": {"$ref": "#/components/schemas/Condition"}},
        "committee": nullable({"$ref": "#/components/schemas/Committee"}), "notes": {"type": "array", "items": string},
        "procedures": {"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}},
    },
}
skill_option = {
    "type": "object",
    "required": ["occupation", "level", "route", "status", "earliestDate", "basis", "conditions", "exemptions", "providers", "notes"],
    "properties": {
        "occupation": nullable(string), "level": {"type": "string", "enum": skill_names},
        "route": {"type": "string", "enum": ["title_crossover", "promotion"]}, "status": status,
        "earliestDate": nullable(date), "basis": {"$ref": "#/components/schemas/Basis"},
        "conditions": {"type": "array", "items": {"$ref": "#/components/schemas/Condition"}},
        "exemptions": {"type": "array", "items": {"type": "string", "enum": ["theory_exam"]}},
        "providers": {"type": "array", "items": {"$ref": "#/components/schemas/ProviderRef"}},
        "notes": {"type": "array", "items": string},
        "procedures": {"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}},
    },
}
result = {
    "type": "object", "required": ["jurisdiction", "asOf", "policies", "titleOptions", "skillOptions", "warnings"],
    "properties": {
        "jurisdiction": {"type": "object", "required": ["code", "name"], "properties": {"code": {"type": "string", "enum": jurisdictions}, "name": string}},
        "asOf": date,
        "policies": {"type": "array", "items": {"type": "object", "required": ["id", "number", "title", "effectiveFrom"],
                     "properties": {"id": string, "number": nullable(string), "title": string, "effectiveFrom": nullable(date)}}},
        "titleOptions": {"type": "array", "items": {"$ref": "#/components/schemas/TitleOption"}},
        "skillOptions": {"type": "array", "items": {"$ref": "#/components/schemas/SkillOption"}},
        "warnings": {"type": "array", "items": string},
    },
}
hours = {"type": "number", "minimum": 0, "maximum": 8784}
work_years = {"type": "number", "minimum": 0, "maximum": 80}
jurisdiction_names = jurisdictions + ["浙江省", "衢州市", "舟山市", "绍兴市", "河北省", "浙江", "衢州", "舟山", "绍兴", "河北"]
def optional_properties(properties):
    """A missing fact is unknown: an optional field may also be null."""
    return {name: nullable(schema) for name, schema in properties.items()}

request = {
    "type": "object", "required": ["jurisdiction"], "additionalProperties": False,
    "properties": {
        "jurisdiction": {"type": "string", "enum": jurisdiction_names, "description": "地区代码或中文名"},
        "asOf": nullable({**date, "description": "评估日期，默认今天"}),
        "person": {
            "type": "object", "additionalProperties": False, "nullable": True,
            "properties": optional_properties({
                "skills": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["level"], "properties": {
                    "occupation": nullable(text), "level": {"type": "string", "enum": levels_skill}, "obtainedOn": nullable(date)}}},
                "titles": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["level"], "properties": {
                    "series": nullable(text), "specialty": nullable(text),
                    "level": {"type": "string", "enum": title_names + ["技术员", "助理工程师", "工程师", "高级工程师", "正高级工程师"]}, "obtainedOn": nullable(date)}}},
                "honors": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": text, "awardedOn": nullable(date)}}},
                "annualAssessments": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["year", "passed"], "properties": {
                    "year": {"type": "integer", "minimum": 1900, "maximum": 2100}, "passed": {"type": "boolean"}}}},
                "continuingEducation": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["year"], "properties": {
                    "year": {"type": "integer", "minimum": 1900, "maximum": 2100}, "publicHours": nullable(hours), "professionalHours": nullable(hours), "skillTrainingHours": nullable(hours)}}},
                "education": {"type": "object", "additionalProperties": False, "properties": {
                    "level": nullable({"type": "string", "enum": ["初中", "高中", "中专", "技工院校中级工班", "技工院校高级工班", "技工院校预备技师班", "大专", "本科", "硕士", "博士"]}),
                    "relatedToOccupation": nullable({"type": "boolean"})}},
                "currentOccupation": text, "occupationWorkYears": work_years,
                "inRelatedSkillWork": {"type": "boolean"}, "publicInstitutionStaff": {"type": "boolean"},
            }),
        },
    },
}

def problem_response(text):
    return {"description": text, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}

def json_response(schema, text="成功"):
    return {"description": text, "content": {"application/json": {"schema": schema}}}

jurisdiction_names = jurisdictions + ["浙江省", "衢州市", "舟山市", "绍兴市", "河北省", "浙江", "衢州", "舟山", "绍兴", "河北"]
html_response = {"description": "页面", "content": {"text/html": {"schema": {"type": "string"}}}}
form_fields = ["j", "asOf", "skill1Occupation", "skill1Level", "skill1Date", "skill2Occupation", "skill2Level", "skill2Date",
               "titleSeries", "titleSpecialty", "titleLevel", "titleDate", "honor1", "honor2", "assessments", "cePublic",
               "ceProfessional", "ceSkill", "education", "educationRelated", "currentOccupation", "workYears", "relatedWork", "publicStaff"]
form_params = [{"name": name, "in": "query", "required": False, "schema": {"type": "string"}} for name in form_fields]
jurisdiction_param = {"name": "jurisdiction", "in": "query", "required": False, "schema": {"type": "string", "enum": jurisdiction_names}, "description": "地区代码或中文名"}
any_object = {"type": "object"}

document = {"openapi": "3.0.3",
    "info": {"title": "贯通 Guantong API", "version": "1.0.0",
             "description": "技能人才与专业技术人才职业发展贯通：资格评估与政策数据查询；职称申报办理（账号、评审计划、申请及其各步骤、公示与异议、评审会议，标记 casework，登录后以 Cookie gt_session 调用）。所有错误均为 application/problem+json（RFC 9457）。"},
    "paths": {
        "/api/v1/evaluations": {"post": {
            "summary": "评估一个人可申报的职称与可参加的技能评价",
            "description": "除字段格式外，日期须真实、证书与荣誉日期不得晚于 asOf，否则返回 422。",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EvaluationRequest"}}}},
            "responses": {"200": json_response({"$ref": "#/components/schemas/EvaluationResult"}),
                          "400": problem_response("请求体不是 JSON"), "415": problem_response("请求体未声明为 JSON（Content-Type 须为 application/json）"),
                          "422": problem_response("字段有误，见 errors")}}},
        "/api/v1/occupations": {"get": {
            "summary": "按名称、别名、拼音首字母或国家职业编码搜索职业（工种）",
            "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1}},
                           {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 50}}],
            "responses": {"200": json_response({"type": "object", "required": ["query", "hits"], "properties": {"query": string, "hits": {"type": "array", "items": {
                "type": "object", "required": ["name", "matchedBy"], "properties": {"name": string, "code": string,
                "matchedBy": {"type": "string", "enum": ["name", "alias", "code", "pinyin", "similar"]}, "alias": string}}}}}),
                "422": problem_response("参数有误")}}},
        "/api/v1/occupations/{name}": {"get": {
            "summary": "职业（工种）在各地的职称系列、评审委员会、评价机构与题库目录",
            "description": "每个地区的 routing 为 asOf（默认今天）这一天按层级的评审委员会与评价机构，与评估结果各选项所列一致。",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": string}, jurisdiction_param, {"name": "asOf", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}],
            "responses": {"200": json_response(any_object), "404": problem_response("未找到"), "422": problem_response("参数有误")}}},
        "/api/v1/series": {"get": {"summary": "职称系列及其对应的职业", "parameters": [jurisdiction_param],
            "responses": {"200": json_response({"type": "array", "items": any_object}), "422": problem_response("参数有误")}}},
        "/api/v1/committees": {"get": {"summary": "评审委员会（titleLevels：文件所列委员会服务的职称层级；按 level 筛选时不列不服务该层级的委员会）",
            "description": "给出 occupation（须同时给出 jurisdiction）时，返回该职业在 asOf（默认今天）按层级与系列的评审委员会——评估结果中职称选项所列的同一答案，每项为 {level, series, specialty, committee: {name, host, phone} 或 null, notes}；否则列出各地评审委员会表。",
            "parameters": [jurisdiction_param, {"name": "series", "in": "query", "required": False, "schema": string},
                           {"name": "level", "in": "query", "required": False, "schema": {"type": "string", "enum": title_names}},
                           {"name": "occupation", "in": "query", "required": False, "schema": string}, {"name": "asOf", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}],
            "responses": {"200": json_response({"type": "array", "items": any_object}), "404": problem_response("未识别的职业"), "422": problem_response("参数有误")}}},
        "/api/v1/providers": {"get": {"summary": "评价机构与鉴定服务点",
            "description": "同时给出 jurisdiction 与 occupation 时，返回 asOf（默认今天）评估结果中该职业技能选项所列的机构（文件只把部分等级交给所列机构的，其余等级不列）；否则按条件筛选机构表。",
            "parameters": [jurisdiction_param,
                {"name": "occupation", "in": "query", "required": False, "schema": string},
                {"name": "level", "in": "query", "required": False, "schema": {"type": "string", "enum": levels_skill}}, {"name": "asOf", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}],
            "responses": {"200": json_response({"type": "array", "items": any_object}), "404": problem_response("未识别的职业"), "422": problem_response("参数有误")}}},
        "/api/v1/documents": {"get": {"summary": "政策文件（可按日期筛选施行中的文件）",
            "parameters": [{"name": "asOf", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}],
            "responses": {"200": json_response({"type": "array", "items": any_object}), "422": problem_response("参数有误")}}},
        "/api/v1/documents/{id}": {"get": {"summary": "一份文件及其全部条款",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": string}],
            "responses": {"200": json_response({"type": "object", "required": ["document", "clauses"], "properties": {
                "document": any_object, "clauses": {"type": "array", "items": {"type": "object", "required": ["id", "text"], "properties": {"id": string, "heading": string, "text": string}}}}}),
                "404": problem_response("未找到")}}},
        "/api/v1/procedures": {"get": {"summary": "申报流程：某地某日职称评审或技能评价某一层级的步骤（由谁、做什么、依据的原文）",
            "parameters": [{**jurisdiction_param, "required": True},
                           {"name": "direction", "in": "query", "required": True, "schema": {"type": "string", "enum": ["title", "skill"]}},
                           {"name": "level", "in": "query", "required": False, "schema": {"type": "string", "enum": levels_skill + title_names}},
                           {"name": "asOf", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}],
            "responses": {"200": json_response({"type": "array", "items": {"$ref": "#/components/schemas/Procedure"}}), "422": problem_response("参数有误")}}},
        "/": {"get": {"summary": "自测页面（HTML）", "responses": {"200": html_response}}},
        "/bulk": {"get": {"summary": "单位批量自测页面（HTML）：上传名单（.xlsx 或 .csv），下载中文结果表", "responses": {"200": html_response}},
                  "post": {"summary": "上传名单，返回中文结果工作簿；文件处理完即删除",
                           "parameters": [{"name": "csrf", "in": "query", "required": False, "schema": string,
                                           "description": "页面表单地址中的校验码，须与 Cookie gt_csrf 相同（在读取上传内容之前核对）"}],
                           "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
                               "file": {"type": "string", "format": "binary", "description": ".xlsx 或 .csv，不超过 20 MB"},
                               "j": {"type": "string", "description": "地区代码或中文名"},
                               "asOf": {"type": "string", "format": "date"},
                               "csrf": {"type": "string", "description": "页面表单中的校验码，须与 Cookie gt_csrf 相同"}}}}}},
                           "responses": {"200": {"description": "结果工作簿", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
                                         "403": problem_response("来源不符或表单校验码不符"),
                                         "413": {"description": "文件过大（HTML 页面说明）", "content": {"text/html": {"schema": {"type": "string"}}}},
                                         "503": {"description": "正在处理另一份名单，见 Retry-After（HTML 页面说明）", "content": {"text/html": {"schema": {"type": "string"}}}},
                                         "422": {"description": "无法处理：页面说明原因（HTML）", "content": {"text/html": {"schema": {"type": "string"}}}},
                                         "429": problem_response("同一客户端操作过于频繁，见 Retry-After")}}},
        "/bulk/template.xlsx": {"get": {"summary": "单位批量自测模板（.xlsx，中文表头与示例行）", "responses": {"200": {"description": "工作簿", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}}}},
        "/bulk/template.csv": {"get": {"summary": "单位批量自测模板（.csv）", "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}}},
        "/check": {"get": {"summary": "自测页面（HTML），可用结果页的查询参数预填", "parameters": form_params, "responses": {"200": html_response}}},
        "/result": {"get": {"summary": "自测结果页（HTML）；填写有误时重新显示表单并在字段旁说明", "parameters": form_params, "responses": {"200": html_response}}},
        "/result/print": {"get": {"summary": "结果打印版（HTML）", "parameters": form_params, "responses": {"200": html_response}}},
        "/checks": {"post": {"summary": "保存自测，重定向到其固定链接",
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"], "properties": {
                "query": {"type": "string", "maxLength": 4000, "description": "结果页的查询字符串"},
                "csrf": {"type": "string", "description": "结果页表单中的校验码，须与 Cookie gt_csrf 相同"}}}}}},
            "responses": {"303": {"description": "已保存，Location 为 /checks/{token}"}, "403": problem_response("来源不符或表单校验码不符"),
                          "422": problem_response("无法保存"), "429": problem_response("同一客户端操作过于频繁，见 Retry-After")}}},
        "/checks/{token}/delete": {"post": {"summary": "删除保存的自测（须带记录页表单中的校验码）",
            "parameters": [{"name": "token", "in": "path", "required": True, "schema": string}],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                "csrf": {"type": "string", "description": "记录页表单中的校验码，须与 Cookie gt_csrf 相同"}}}}}},
            "responses": {"200": html_response, "403": problem_response("来源不符或表单校验码不符"), "404": problem_response("没有这条记录"),
                          "429": problem_response("同一客户端操作过于频繁，见 Retry-After")}}},
        "/checks/{token}": {"get": {"summary": "保存的自测：按当天日期重新评估并列出变化（HTML）",
            "parameters": [{"name": "token", "in": "path", "required": True, "schema": string}],
            "responses": {"200": html_response, "404": problem_response("没有这条记录")}}},
        "/checks/{token}/print": {"get": {"summary": "保存的自测打印版（HTML）",
            "parameters": [{"name": "token", "in": "path", "required": True, "schema": string}],
            "responses": {"200": html_response, "404": problem_response("没有这条记录")}}},
        "/documents": {"get": {"summary": "政策文件列表（HTML）", "responses": {"200": html_response}}},
        "/documents/{id}": {"get": {"summary": "一份文件，每条条款有锚点 #c-条款编号（HTML）",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": string}],
            "responses": {"200": html_response, "404": problem_response("未找到")}}},
        "/occupations": {"get": {"summary": "职业查询页（HTML）", "parameters": [{"name": "q", "in": "query", "required": False, "schema": string}], "responses": {"200": html_response}}},
        "/occupations/{name}": {"get": {"summary": "职业页：各地系列、评审委员会、评价机构（HTML）",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": string}],
            "responses": {"200": html_response, "404": problem_response("未找到")}}},
        "/healthz": {"get": {"summary": "健康检查", "responses": {"200": json_response({"type": "object", "required": ["status"], "properties": {
            "status": {"type": "string", "enum": ["ok"]}, "documents": {"type": "integer"}, "occupations": {"type": "integer"}}})}}},
    },
    "components": {"schemas": {
        "EvaluationRequest": request, "EvaluationResult": result, "TitleOption": title_option, "SkillOption": skill_option,
        "Condition": condition, "Citation": citation, "Basis": basis, "Committee": committee, "ProviderRef": provider,
        "Problem": problem, "FieldError": field_error, "Procedure": procedure,
    }},
}

# The casework under /api/v1: signed in by the cookie gt_session (POST /api/v1/session);
# state changes want JSON and, when a browser sends Origin, this site's own.
def ref(name):
    return {"$ref": "#/components/schemas/" + name}

def casework(summary, responses, description=None, body=None, parameters=None, signed_in=True, changes=False):
    operation = {"summary": summary, "tags": ["casework"], "responses": dict(responses)}
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        operation["responses"].setdefault("400", problem_response("请求体不是有效的 JSON"))
        operation["responses"].setdefault("415", problem_response("请求体未声明为 JSON"))
        operation["responses"].setdefault("422", problem_response("字段有误，见 errors"))
    if changes:
        operation["responses"].setdefault("403", problem_response("无权办理，或请求来自其他网站"))
    if signed_in:
        operation["security"] = [{"session": []}]
        operation["responses"].setdefault("401", problem_response("请先登录"))
        operation["responses"].setdefault("403", problem_response("无权查看或办理"))
    return operation

id_param = lambda name, text: {"name": name, "in": "path", "required": True, "schema": string, "description": text}
obj = lambda required, properties: {"type": "object", "required": required, "properties": properties}
integer = {"type": "integer"}
boolean = {"type": "boolean"}
strings = {"type": "array", "items": string}
membership = obj(["role", "roleLabel", "organisation", "organisationName", "kind", "jurisdiction"], {
    "role": string, "roleLabel": string, "organisation": string, "organisationName": string, "kind": string, "jurisdiction": string})
me_view = obj(["id", "username", "displayName", "memberships"], {"id": string, "username": string, "displayName": string,
                                                                 "memberships": {"type": "array", "items": membership}})
plan_step = obj(["role", "act"], {"role": {"type": "string", "description": "employer、competent_department、hr_bureau、title_reform_office、committee_office"}, "act": string})
voting_rule = {"type": "object", "description": "表决规则及其出处（文件未规定，由计划写明依据）"}
plan_input = obj(["year", "title", "series", "levels", "opensOn", "closesOn", "checksDueOn", "reviewOn", "separateGroup", "materials",
                  "publicityDays", "members", "votingRule", "notice"], {
    "year": integer, "title": string, "series": strings, "levels": strings, "opensOn": date, "closesOn": date, "checksDueOn": date, "reviewOn": date,
    "steps": {"type": "array", "items": plan_step, "description": "仅在文件交由当年度通知规定步骤时填写"},
    "separateGroup": boolean, "materials": strings, "publicityDays": integer, "resultPublicityDays": integer, "members": integer,
    "votingRule": voting_rule, "notice": {"type": "string", "description": "计划所依据的当年度通知（文号或标题）"}})
plan_view = obj(["id", "committee", "committeeOrganisation", "jurisdiction", "year", "title", "series", "levels", "opensOn", "closesOn",
                 "steps", "separateGroup", "publicityDays", "votingRuleText", "open"], {
    "id": string, "committee": string, "committeeOrganisation": string, "jurisdiction": string, "year": integer, "title": string,
    "series": strings, "levels": strings, "opensOn": string, "closesOn": string, "checksDueOn": string, "reviewOn": string,
    "steps": {"type": "array", "items": plan_step}, "separateGroup": boolean, "materials": strings, "publicityDays": integer,
    "resultPublicityDays": integer, "members": integer, "votingRuleText": string, "notice": string, "open": boolean})
application_view = obj(["id", "plan", "stage", "stageLabel", "version", "level", "route", "actions", "steps", "confirmations", "frozen"], {
    "id": string, "plan": string, "planTitle": string, "committee": string, "applicantName": string, "employerName": string,
    "jurisdiction": string, "level": string, "route": string, "routeLabel": string, "separateGroup": boolean,
    "stage": string, "stageLabel": string, "version": integer, "submittedOn": string, "dueBy": string, "overdue": boolean,
    "myRoles": strings, "actions": strings, "steps": {"type": "array", "items": {"type": "object"}},
    "confirmations": {"type": "array", "items": {"type": "object"}}, "frozen": {"type": "object", "description": "提交时冻结的评估（条件、依据、数据版本）"},
    "recheck": {"type": "object", "nullable": True, "description": "按今天的数据重新评估"},
    "attachments": {"type": "array", "items": {"type": "object"}}, "objections": {"type": "array", "items": {"type": "object"}}, "revisions": integer,
    "recommendation": {"type": "object", "nullable": True, "description": "本委员会的评审仅为推荐时（绍兴 一（三）3、一（四））：由谁决定（decidedBy）、依据（source、quote）"},
    "outcomeNote": {"type": "string", "description": "评审为推荐时，结果的含义与下一步由谁决定"}})
queue_item = obj(["id", "plan", "level", "route", "stage", "stageLabel", "version", "overdue"], {
    "id": string, "plan": string, "applicantName": string, "employerName": string, "series": nullable(string), "level": string, "route": string, "routeLabel": string,
    "stage": string, "stageLabel": string, "roleDue": nullable(string), "submittedOn": string, "dueBy": string, "overdue": boolean, "version": integer})
queue_page = obj(["items", "page", "pageSize", "total", "totalIsAtLeast"], {"items": {"type": "array", "items": queue_item}, "page": integer, "pageSize": integer, "total": integer, "totalIsAtLeast": boolean})
audit_line = obj(["version", "event"], {"version": integer, "event": string})
read_line = obj(["onDate", "time", "readerName", "role", "roleLabel", "organisation", "what", "text"], {
    "at": string, "onDate": date, "time": string, "readerName": string, "role": string, "roleLabel": string, "organisation": string,
    "what": {"type": "string", "enum": ["case", "attachment"]}, "text": string})
attachment_view = obj(["id", "label", "filename", "contentType", "size", "sha256"], {
    "id": string, "label": string, "filename": string, "contentType": string, "size": integer, "sha256": string})
publicity_entry = obj(["application", "name", "employer", "level", "route", "until", "kind"], {
    "application": string, "name": string, "employer": string, "series": nullable(string), "level": string, "route": string, "until": string, "kind": string})
publicity_list = obj(["plan", "title", "committee"], {"plan": string, "title": string, "committee": string,
                                                     "entries": {"type": "array", "items": publicity_entry}})
record_view = obj(["person", "issuedTitles"], {"person": {"type": "object", "description": "评估契约中的 person 对象"},
                                               "issuedTitles": {"type": "array", "items": {"type": "object"}}})
conflict = problem_response("申请已被他人办理（version 不符），请刷新后重试")
too_many = problem_response("尝试过于频繁（多次输错密码后按次加长等待），见 Retry-After")
not_found = problem_response("没有这项记录，或无权查看")
plan_param = id_param("plan", "评审计划编号")
application_param = id_param("id", "申请编号")

casework_paths = {
    "/api/v1/accounts": {"post": casework("注册申报人账号（经办人员、委员会办公室账号由管理员创建）", {
        "201": json_response(me_view, "已注册并登录"), "429": too_many},
        body=obj(["username", "displayName", "password"], {"username": string, "displayName": string, "password": string}), signed_in=False, changes=True)},
    "/api/v1/session": {
        "post": casework("登录：设置 Cookie gt_session（HttpOnly、SameSite=Lax，HTTPS 下 Secure）", {
            "200": json_response(me_view, "已登录"), "401": problem_response("用户名或密码不正确"), "429": too_many},
            body=obj(["username", "password"], {"username": string, "password": string}), signed_in=False, changes=True),
        "delete": casework("退出登录（未登录时同样答 204）", {"204": {"description": "已退出"}}, signed_in=False, changes=True)},
    "/api/v1/me": {"get": casework("当前用户及其在各机构的角色", {"200": json_response(me_view)})},
    "/api/v1/me/password": {"post": casework("修改密码（其他会话随之失效）", {"204": {"description": "已修改"}, "429": too_many},
        body=obj(["current", "new"], {"current": string, "new": string}), changes=True)},
    "/api/v1/me/record": {
        "get": casework("个人档案：证书、职称、荣誉、年度考核、继续教育，及经本系统评审取得的职称", {"200": json_response(record_view)}),
        "put": casework("保存个人档案（评估契约的 person 对象）", {"200": json_response(record_view)}, body={"type": "object"}, changes=True)},
    "/api/v1/me/evaluation": {"get": casework("按个人档案评估（与 POST /api/v1/evaluations 同一答案）", {
        "200": json_response(ref("EvaluationResult"))}, parameters=[jurisdiction_param])},
    "/api/v1/me/messages": {"get": casework("消息：他人对我的职称与技能评价申请所做的办理（取自审计记录，最新 30 条）", {
        "200": json_response({"type": "array", "items": obj(["application", "link", "heading", "onDate", "at", "from", "text", "lines"], {
            "application": string, "link": {"type": "string", "description": "申请页面（职称 /cases/…，技能评价 /skill/cases/…）"}, "heading": string,
            "onDate": string, "at": string, "from": string, "text": string, "lines": strings})})})},
    "/api/v1/organisations": {"get": casework("机构列表（公开：用人单位、主管部门、人社部门、职改办、评审委员会、评价机构）", {
        "200": json_response({"type": "array", "items": obj(["id", "kind", "name", "jurisdiction"], {
            "id": string, "kind": string, "name": string, "jurisdiction": string, "level": nullable(string), "committee": nullable(string)})})},
        parameters=[{"name": "kind", "in": "query", "required": False, "schema": {"type": "string", "enum": ["employer", "competent_department", "hr_bureau", "title_reform_office", "committee", "evaluation_organisation"]}},
                    {"name": "jurisdiction", "in": "query", "required": False, "schema": string}], signed_in=False)},
    "/api/v1/plans": {
        "get": casework("评审计划列表（公开）", {"200": json_response({"type": "array", "items": plan_view})}, signed_in=False),
        "post": casework("发布评审计划（评审委员会办公室）", {"201": json_response(plan_view, "已发布"), "404": not_found},
            body=obj(["committee", "plan"], {"committee": {"type": "string", "description": "评审委员会机构编号"}, "plan": plan_input}), changes=True)},
    "/api/v1/plans/{plan}": {"get": casework("一个评审计划（公开）", {"200": json_response(plan_view), "404": not_found}, parameters=[plan_param], signed_in=False)},
    "/api/v1/plans/{plan}/sessions": {"post": casework("组织评审会议（高技能人才可单独分组）", {
        "201": json_response(obj(["id", "plan", "group", "heldOn", "members", "present", "votingRule"], {
            "id": string, "plan": string, "group": string, "heldOn": string, "members": integer, "present": strings, "votingRule": string}), "已组织"),
        "404": not_found}, parameters=[plan_param],
        body=obj(["group", "heldOn", "present"], {"group": {"type": "string", "enum": ["separate", "general"]}, "heldOn": date, "present": strings}), changes=True)},
    "/api/v1/review-sessions/{session}/decisions": {"post": casework("记录表决（或认定决定及其依据），按计划的规则计算结果", {
        "200": json_response(obj(["application", "outcome"], {"application": application_view, "outcome": {"type": "object"}})),
        "404": not_found, "409": conflict}, parameters=[id_param("session", "评审会议编号")],
        body=obj(["application", "version"], {"application": string, "version": integer, "inFavour": integer, "against": integer, "abstain": integer,
                                             "recognised": boolean, "evidence": string}), changes=True)},
    "/api/v1/queue": {"get": casework("待办：本机构职责范围内的申请，可按计划、系列、层级、状态、逾期筛选，每页 20 条（size 可至 100），可翻到第 10,000 份为止", {
        "200": json_response(queue_page), "422": problem_response("页码过深：请缩小筛选范围")},
        parameters=[{"name": name, "in": "query", "required": False, "schema": schema} for name, schema in [
            ("plan", string), ("series", string), ("level", string), ("stage", string), ("overdue", boolean),
            ("scope", {"type": "string", "enum": ["due", "all"]}), ("page", {"type": "integer", "minimum": 1}), ("size", {"type": "integer", "minimum": 1, "maximum": 100})]])},
    "/api/v1/applications": {
        "get": casework("我的申请", {"200": json_response({"type": "array", "items": application_view})}),
        "post": casework("按自测的选项对评审计划发起申请（submit 为 true 时即提交；提交时重新评估）", {
            "201": json_response(application_view, "已创建"), "404": not_found, "409": problem_response("已有同一计划、同一层级的申请（instance 为原申请的页面）")},
            body=obj(["plan", "route", "level"], {"plan": string, "route": {"type": "string", "enum": ["regular", "direct_apply", "direct_recognition"]},
                                                 "level": string, "series": string, "employer": string, "submit": boolean}), changes=True)},
    "/api/v1/applications/{id}": {"get": casework("一份申请：步骤、确认事项、冻结的评估与今天的复核", {"200": json_response(application_view), "404": not_found},
        parameters=[application_param])},
    "/api/v1/applications/{id}/actions": {"post": casework("办理当前步骤：approve、return、reject、resubmit、confirm、objection、publish、confirm_result 等（须带 version）", {
        "200": json_response(application_view), "404": not_found, "409": conflict}, parameters=[application_param],
        body=obj(["action", "version"], {"action": string, "version": integer, "reason": string, "item": integer, "met": boolean, "note": string,
                                         "objection": string, "upheld": boolean, "decision": string,
                                         "adopted": {"type": "boolean", "description": "issue：本委员会的评审为推荐时，上级评审委员会是否通过（必填）"}}), changes=True)},
    "/api/v1/applications/{id}/audit": {"get": casework("申请的审计记录（只增不改）", {"200": json_response({"type": "array", "items": audit_line}), "404": not_found},
        parameters=[application_param])},
    "/api/v1/applications/{id}/reads": {"get": casework("查阅记录：经办人员查看申请（含个人档案）和下载附件的记录，新的在前（只增不改）", {
        "200": json_response({"type": "array", "items": read_line}), "404": not_found}, parameters=[application_param])},
    "/api/v1/applications/{id}/attachments": {"post": {**casework("上传附件（PDF、JPEG 或 PNG，按内容识别，不超过 5 MB）", {
        "201": json_response(attachment_view, "已上传"), "404": not_found, "413": problem_response("文件过大"), "415": problem_response("不是 PDF、JPEG 或 PNG"),
        "422": problem_response("参数有误")}, parameters=[application_param,
            {"name": "label", "in": "query", "required": False, "schema": string}, {"name": "filename", "in": "query", "required": False, "schema": string}], changes=True),
        "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}},
    "/api/v1/applications/{id}/attachments/{attachment}": {"get": casework("下载附件（仅可查看该申请者）", {
        "200": {"description": "附件", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/png": {"schema": {"type": "string", "format": "binary"}}}},
        "404": not_found}, parameters=[application_param, id_param("attachment", "附件编号")])},
    "/api/v1/publicity/{plan}": {"get": casework("公示名单（无需登录；仅姓名、单位、系列、层级、申报方式）", {"200": json_response(publicity_list), "404": not_found},
        parameters=[plan_param], signed_in=False)},
    "/api/v1/publicity/{plan}/objections": {"post": casework("对公示提出异议（无需登录，须留联系方式）", {
        "202": json_response(obj(["status", "message"], {"status": string, "message": string}), "已收到"), "404": not_found, "409": problem_response("该申请不在公示期"),
        "429": too_many}, parameters=[plan_param],
        body=obj(["application", "contact", "reason"], {"application": string, "contact": string, "reason": string}), signed_in=False, changes=True)},
}
document["paths"].update(casework_paths)

# Skill evaluations: applications to providers, their steps, batches, results, certificates
# and the HR bureau's report list (the same sign-in, authorisation and conflict rules).
skill_view = obj(["id", "provider", "occupation", "level", "route", "procedure", "stage", "stageLabel", "version", "theoryExempt", "steps",
                  "confirmations", "components", "results", "attachments", "frozen", "actions"], {
    "id": string, "applicantName": string, "provider": string, "providerName": string, "jurisdiction": string, "occupation": string,
    "workType": nullable(string), "level": string, "route": string, "routeLabel": string,
    "procedure": {"type": "string", "description": "所依流程及条款"}, "stage": string, "stageLabel": string, "version": integer, "submittedOn": string,
    "theoryExempt": {"type": "boolean", "description": "免于理论知识考试（附相关专业毕业证书）"},
    "steps": {"type": "array", "items": {"type": "object"}}, "confirmations": {"type": "array", "items": {"type": "object"}},
    "components": strings, "results": {"type": "array", "items": {"type": "object"}},
    "batch": {"type": "object", "nullable": True}, "certificate": {"type": "object", "nullable": True},
    "attachments": {"type": "array", "items": attachment_view}, "frozen": {"type": "object"}, "actions": strings, "revisions": integer})
skill_item = obj(["id", "occupation", "level", "route", "stage", "stageLabel", "version"], {
    "id": string, "applicantName": string, "providerName": string, "occupation": string, "workType": nullable(string), "level": string,
    "route": string, "stage": string, "stageLabel": string, "version": integer, "submittedOn": string, "updatedOn": string})
batch_view = obj(["id", "occupation", "level", "heldOn", "place", "capacity", "seatsTaken", "components"], {
    "id": string, "occupation": string, "workType": nullable(string), "level": string, "heldOn": string, "place": string,
    "capacity": integer, "seatsTaken": integer, "components": strings})
certificate_line = obj(["id", "application", "holderName", "number", "occupation", "level", "issuedOn", "issuerName"], {
    "id": string, "application": string, "holderName": string, "number": string, "occupation": string, "workType": nullable(string),
    "level": string, "issuedOn": string, "issuerName": string, "reportedOn": nullable(string), "reportedBy": nullable(string)})
skill_param = id_param("id", "技能评价申请编号")
org_param = id_param("org", "机构编号")
skill_paths = {
    "/api/v1/evaluation-organisations": {"get": casework("已设立的评价机构（含自主评价企业）及其承担的职业、工种、等级与依据（公开）", {
        "200": json_response({"type": "array", "items": obj(["id", "name", "kind", "jurisdiction", "coverage"], {
            "id": string, "name": string, "kind": string, "jurisdiction": string, "coverage": strings})})},
        parameters=[{**jurisdiction_param, "required": True, "schema": {"type": "string", "enum": jurisdictions}}], signed_in=False)},
    "/api/v1/skill-applications": {
        "get": casework("我的技能评价申请", {"200": json_response({"type": "array", "items": skill_item})}),
        "post": casework("按自测的技能选项向评价机构申请（提交时重新评估；theoryExempt 须先附「毕业证书」）", {
            "201": json_response(skill_view, "已创建"), "404": not_found},
            body=obj(["provider", "route", "occupation", "level"], {"provider": string, "route": {"type": "string", "enum": ["title_crossover", "promotion"]},
                "occupation": string, "workType": string, "level": string, "employer": string, "theoryExempt": boolean, "submit": boolean}), changes=True)},
    "/api/v1/skill-applications/{id}": {"get": casework("一份技能评价申请：流程、确认事项、批次、成绩、证书", {"200": json_response(skill_view), "404": not_found},
        parameters=[skill_param])},
    "/api/v1/skill-applications/{id}/actions": {"post": casework("办理：submit、resubmit、withdraw、approve、return、reject、confirm、assign、unassign、results、certify（须带 version）", {
        "200": json_response(skill_view), "404": not_found, "409": problem_response("version 不符，或批次已满，或证书编号重复")}, parameters=[skill_param],
        body=obj(["action", "version"], {"action": string, "version": integer, "reason": string, "item": integer, "met": boolean, "note": string,
            "batch": string, "results": {"type": "array", "items": obj(["component", "score", "passed"], {"component": string, "score": string, "passed": boolean})},
            "number": string}), changes=True)},
    "/api/v1/skill-applications/{id}/audit": {"get": casework("技能评价申请的审计记录（只增不改）", {"200": json_response({"type": "array", "items": audit_line}), "404": not_found},
        parameters=[skill_param])},
    "/api/v1/skill-applications/{id}/reads": {"get": casework("查阅记录：评价机构查看申请和下载附件的记录，新的在前（只增不改）", {
        "200": json_response({"type": "array", "items": read_line}), "404": not_found}, parameters=[skill_param])},
    "/api/v1/skill-applications/{id}/attachments": {"post": {**casework("上传附件（如毕业证书；PDF、JPEG 或 PNG，不超过 5 MB）", {
        "201": json_response(attachment_view, "已上传"), "404": not_found, "413": problem_response("文件过大"), "415": problem_response("不是 PDF、JPEG 或 PNG"),
        "422": problem_response("参数有误")}, parameters=[skill_param,
            {"name": "label", "in": "query", "required": False, "schema": string}, {"name": "filename", "in": "query", "required": False, "schema": string}], changes=True),
        "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}},
    "/api/v1/skill-applications/{id}/attachments/{attachment}": {"get": casework("下载附件（仅可查看该申请者）", {
        "200": {"description": "附件", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/png": {"schema": {"type": "string", "format": "binary"}}}},
        "404": not_found}, parameters=[skill_param, id_param("attachment", "附件编号")])},
    "/api/v1/evaluation-organisations/{org}/applications": {"get": casework("评价机构的申请（本机构受理或轮到本机构办理的）", {
        "200": {**json_response({"type": "array", "items": skill_item}, "本页的申请，最近更新的在前；不带 page、size 时为前 500 份"), "headers": {
            "X-Total-Count": {"description": "符合条件的份数，计到本页之后 1000 份为止", "schema": integer},
            "X-Total-Is-At-Least": {"description": "份数未数完时为 true", "schema": {"type": "string", "enum": ["true"]}},
            "Link": {"description": "上一页（rel=\"prev\"）、下一页（rel=\"next\"）的地址", "schema": string}}},
        "404": not_found, "422": problem_response("page 超出第 10000 份")},
        parameters=[org_param, {"name": "stage", "in": "query", "required": False, "schema": string},
                    {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
                    {"name": "size", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 500}}])},
    "/api/v1/evaluation-organisations/{org}/batches": {
        "get": casework("本机构的考核批次", {"200": json_response({"type": "array", "items": batch_view}), "404": not_found}, parameters=[org_param]),
        "post": casework("新建考核批次（操作技能考核必设；可加理论知识考试等项目）", {"201": json_response(batch_view, "已新建"), "404": not_found},
            parameters=[org_param], body=obj(["occupation", "level", "heldOn", "place", "capacity"], {
                "occupation": string, "workType": string, "level": string, "heldOn": date, "place": string,
                "capacity": {"type": "integer", "minimum": 1, "maximum": 10000}, "components": strings}), changes=True)},
    "/api/v1/bureaus/{org}/certificate-reports": {
        "get": casework("人社部门的证书上报清单（format=xlsx 或 csv 下载；pending=true 仅未上报）", {
            "200": {"description": "清单", "content": {"application/json": {"schema": {"type": "array", "items": certificate_line}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}}}}, "404": not_found},
            parameters=[org_param, {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "xlsx", "csv"]}},
                        {"name": "pending", "in": "query", "required": False, "schema": boolean}]),
        "post": casework("标记证书已上报（按程序上网）", {"200": json_response(obj(["marked", "failed"], {"marked": integer, "failed": strings})), "404": not_found},
            parameters=[org_param], body=obj(["certificates"], {"certificates": {"type": "array", "items": string, "minItems": 1, "maxItems": 500}}), changes=True)},
}
document["paths"].update(skill_paths)

call_param = id_param("call", "征集编号（如 qb-2023-2024）")
document["paths"].update({
    "/question-bank": {"get": {"summary": "省级题库项目征集列表（HTML）", "responses": {"200": html_response}}},
    "/question-bank/{call}": {"get": {"summary": "一次征集：项目与单位条件、截止日期及其理解、联系方式、参考目录全部条目；截止后写明已截止（HTML）",
        "parameters": [call_param], "responses": {"200": html_response, "404": problem_response("没有这次征集")}}},
    "/api/v1/question-bank-calls": {"get": {"summary": "省级题库项目征集（公开）", "responses": {"200": json_response({"type": "array", "items": any_object})}}},
    "/api/v1/question-bank-calls/{call}": {"get": {"summary": "一次征集（公开）：条件、截止、目录、是否已截止",
        "parameters": [call_param], "responses": {"200": json_response(obj(["id", "closed", "status", "catalogue", "occupationTypes"], {
            "id": string, "closed": boolean, "status": string, "catalogue": {"type": "array", "items": any_object}, "occupationTypes": integer})),
            "404": problem_response("没有这次征集")}}},
})

# Question-bank casework: units' 申报表 (附件2), the centres' check, opinion and report with the
# 汇总表 (附件3), the provincial centre's selection, its closing time and later calls.
short = {"type": "string", "maxLength": 64}
longer = {"type": "string", "maxLength": 500}
advantage = obj([], {"boxes": strings, "text": longer})
qb_form = obj([], {
    "unitName": short, "legalRepresentative": short, "legalCertificateNumber": short, "occupation": short, "workType": short,
    "occupationCode": {"type": "string", "maxLength": 16, "description": "职业编码，如 6-18-01-06"},
    "levels": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 5}, "description": "开发等级：5 为五级……1 为一级"},
    "contactName": short, "contactMobile": short, "intent": {"type": "string", "enum": ["lead", "participant"]},
    "advantages": {"type": "array", "items": advantage, "maxItems": 4, "description": "项目优势四行，依附件2顺序"},
    "leader": obj([], {k: short for k in ["name", "gender", "birthMonth", "qualification", "post", "education", "specialty", "mobile", "email",
                                          "officePhone", "employer", "department"]} | {"address": longer}),
    "experts": {"type": "array", "maxItems": 30, "items": obj([], {k: short for k in ["name", "gender", "birthMonth", "qualification", "level",
                                                                                    "certificateNumber", "employer"]})},
    "declaration": longer, "basis": {"type": "string", "enum": ["catalogue", "recent_standard", "aged_bank"], "description": "一（一）1–3"},
    "standardYear": {"type": "integer", "nullable": True}, "bankSince": {"type": "integer", "nullable": True}, "bankUnfit": longer,
    "selfCheck": {"type": "object", "additionalProperties": {"type": "boolean"}, "description": "一（二）1–6 的自查：条件编号 → 是否符合（6 为是否有此情形）"},
    "experienceNote": longer})
qb_view = obj(["id", "call", "unit", "unitName", "centre", "centreName", "occupation", "workType", "stage", "stageLabel", "version", "form", "actions"], {
    "id": string, "call": string, "unit": string, "unitName": string, "centre": string, "centreName": string, "reviewedByProvince": boolean,
    "occupation": string, "workType": string, "levels": string, "intent": string, "intentLabel": string, "stage": string, "stageLabel": string,
    "version": integer, "submittedOn": string, "form": qb_form, "returnReason": nullable(string),
    "opinion": {"type": "object", "nullable": True}, "decision": {"type": "object", "nullable": True},
    "attachments": {"type": "array", "items": attachment_view}, "actions": strings})
qb_item = obj(["id", "call", "unitName", "occupation", "stage", "version"], {
    "id": string, "call": string, "unitName": string, "occupation": string, "workType": string, "intent": string, "intentLabel": string,
    "stage": string, "stageLabel": string, "version": integer, "submittedOn": string, "updatedOn": string})
qb_report = obj(["id", "call", "centreName", "contact", "phone", "filledOn"], {
    "id": string, "call": string, "centreName": string, "contact": string, "phone": string, "filledOn": string, "reportedAt": string, "reportedBy": string})
qb_param = id_param("id", "题库项目申报编号")
xlsx = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}
document["paths"].update({
    "/api/v1/question-bank-applications": {
        "get": casework("本单位的题库项目申报", {"200": json_response({"type": "array", "items": qb_item})}),
        "post": casework("题库开发申报单位新建申报表（草稿；按隶属关系确定审查的评价中心）", {"201": json_response(qb_view, "已创建"), "404": not_found},
            body=obj(["call", "form"], {"call": string, "unit": string, "form": qb_form}), changes=True)},
    "/api/v1/question-bank-applications/{id}": {"get": casework("一份题库项目申报", {"200": json_response(qb_view), "404": not_found}, parameters=[qb_param])},
    "/api/v1/question-bank-applications/{id}/actions": {"post": casework(
        "办理：save、submit、withdraw（申报单位）；return、recommend（评价中心）；decide（省中心）（须带 version）", {
        "200": json_response(qb_view), "404": not_found, "409": problem_response("version 不符，或该职业（工种）已确定牵头单位")}, parameters=[qb_param],
        body=obj(["action", "version"], {"action": {"type": "string", "enum": ["save", "submit", "withdraw", "return", "recommend", "decide"]}, "version": integer,
            "reason": string, "recommendAs": {"type": "string", "enum": ["lead", "participant"]},
            "outcome": {"type": "string", "enum": ["lead", "participant", "declined"]}, "form": qb_form}), changes=True)},
    "/api/v1/question-bank-applications/{id}/audit": {"get": casework("题库项目申报的审计记录（只增不改）", {
        "200": json_response({"type": "array", "items": audit_line}), "404": not_found}, parameters=[qb_param])},
    "/api/v1/question-bank-applications/{id}/reads": {"get": casework("查阅记录：评价中心查看申报和下载影印件的记录，新的在前（只增不改）", {
        "200": json_response({"type": "array", "items": read_line}), "404": not_found}, parameters=[qb_param])},
    "/api/v1/question-bank-applications/{id}/attachments": {"post": {**casework("上传影印件：法人证书影印件、专家团队影印件、另附页说明（PDF、JPEG 或 PNG，不超过 5 MB）", {
        "201": json_response(attachment_view, "已上传"), "404": not_found, "413": problem_response("文件过大"), "415": problem_response("不是 PDF、JPEG 或 PNG"),
        "422": problem_response("参数有误")}, parameters=[qb_param,
            {"name": "label", "in": "query", "required": False, "schema": string}, {"name": "filename", "in": "query", "required": False, "schema": string}], changes=True),
        "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}},
    "/api/v1/question-bank-applications/{id}/attachments/{attachment}": {"get": casework("下载影印件（仅可查看该申报者）", {
        "200": {"description": "附件", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                                                   "image/png": {"schema": {"type": "string", "format": "binary"}}}},
        "404": not_found}, parameters=[qb_param, id_param("attachment", "附件编号")])},
    "/api/v1/evaluation-centres/{org}/question-bank-applications": {"get": casework("评价中心的题库申报（提交到本中心的；省中心另含各市报送的）", {
        "200": json_response({"type": "array", "items": qb_item}), "404": not_found}, parameters=[org_param])},
    "/api/v1/evaluation-centres/{org}/question-bank-reports": {
        "get": casework("本中心的报送记录", {"200": json_response({"type": "array", "items": qb_report}), "404": not_found}, parameters=[org_param]),
        "post": casework("市评价中心报送省中心：已签署推荐意见的全部申报（截止后不能报送）", {"201": json_response(qb_report, "已报送"), "404": not_found},
            parameters=[org_param], body=obj(["call", "contact", "phone"], {"call": string, "contact": short, "phone": {"type": "string", "maxLength": 32}}), changes=True)},
    "/api/v1/evaluation-centres/{org}/question-bank-summary": {"get": casework("汇总表（附件3）：某次报送（report）或待报送的；format=xlsx 下载", {
        "200": {"description": "汇总表", "content": {"application/json": {"schema": {"type": "array", "items": qb_item}}, **xlsx}}, "404": not_found},
        parameters=[org_param, {"name": "call", "in": "query", "required": True, "schema": string}, {"name": "report", "in": "query", "required": False, "schema": string},
                    {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "xlsx"]}}])},
    "/api/v1/question-bank-calls/{call}/selection": {"get": casework("省中心遴选：按职业（工种）的已报送申报、牵头单位超过 1 家的、无人申报的目录条目", {
        "200": json_response(obj(["call", "criteria", "projects", "unclaimed"], {"call": string, "criteria": strings, "criteriaClause": string,
            "projects": {"type": "array", "items": any_object}, "unclaimed": {"type": "array", "items": any_object}})), "404": not_found}, parameters=[call_param])},
    "/api/v1/question-bank-calls/{call}/selected": {"get": casework("入选项目及其牵头、参与单位（format=xlsx 下载）", {
        "200": {"description": "入选项目", "content": {"application/json": {"schema": {"type": "array", "items": any_object}}, **xlsx}}, "404": not_found},
        parameters=[call_param, {"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["json", "xlsx"]}}])},
    "/api/v1/question-bank-calls/{call}/closing": {"put": casework("省中心设定报送截止时间（北京时间）及其依据", {
        "200": json_response(obj(["at", "text", "source"], {"at": string, "text": string, "source": string, "setBy": nullable(string)})), "404": not_found},
        parameters=[call_param], body=obj(["closesAt", "source"], {"closesAt": {"type": "string", "example": "2023-06-23 17:00"}, "source": longer}), changes=True)},
})
document["paths"]["/api/v1/question-bank-calls"]["post"] = casework("省中心发布新一轮征集（沿用某次征集的条件与表式；目录为附件1格式的 CSV）", {
    "201": json_response(obj(["id", "title", "lastDay"], {"id": string, "title": string, "lastDay": string}), "已发布"), "409": problem_response("编号已被使用")},
    body=obj(["code", "follows", "title", "issuedOn", "lastDay", "catalogue"], {"code": string, "follows": string, "title": string, "number": string,
        "issuedOn": date, "lastDay": date, "catalogue": {"type": "string", "description": "CSV：序号,职业,工种,等级,国标版本,备注"}}), changes=True)
document["components"]["securitySchemes"] = {"session": {"type": "apiKey", "in": "cookie", "name": "gt_session"}}

OUT.parent.mkdir(parents=True, exist_ok=True)
# What the server refuses before routing: an undecodable query value (400), an address over
# 8 KB (414), a query value over 256 characters (422).
for path, operations in document["paths"].items():
    for operation in operations.values():
        parameters = operation.get("parameters", [])
        responses = operation["responses"]
        responses.setdefault("414", problem_response("请求地址过长"))
        if "requestBody" in operation:
            responses.setdefault("413", problem_response("请求体过大"))
        if any(p["in"] == "query" for p in parameters):
            responses.setdefault("400", problem_response("查询参数无法解码"))
            responses.setdefault("422", problem_response("参数有误（如过长）"))

OUT.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {OUT}")
