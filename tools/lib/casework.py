"""What the command-line checks of the casework share: China's date today, and the one-day
衢州 中级 机电制造工程 review plan whose one check is the employer's recommendation."""
import time

# The committee 衢州 附件3 gives 机电制造工程.
QUZHOU_COMMITTEE = "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"


def china_today() -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))


def one_day_plan(committee: str, title: str, publicity_days: int = 0) -> dict:
    """The body of POST /api/v1/plans for a plan open today only."""
    today = china_today()
    return {"committee": committee, "plan": {
        "year": int(today[:4]), "title": title, "series": ["机电制造工程"], "levels": ["中级"], "opensOn": today, "closesOn": today,
        "checksDueOn": today, "reviewOn": today, "steps": [{"role": "employer", "act": "推荐"}], "separateGroup": True,
        "materials": [], "publicityDays": publicity_days, "resultPublicityDays": 0, "members": 7,
        "votingRule": {"quorumNumerator": 2, "quorumDenominator": 3, "passNumerator": 2, "passDenominator": 3, "source": "check"},
        "notice": "check"}}
