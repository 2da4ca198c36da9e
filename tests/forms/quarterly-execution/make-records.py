# Writes records.json: 66 projects in five departments, with the edge values the form tests
# (0 and negative amounts, an adjusted budget of 0, 0.1 + 0.2, null/empty/long remarks).
import json, random
random.seed(7)
deps = ["区教育局", "区卫生健康委", "区交通委", "区民政局", "区文化旅游局"]
names = ["校舍维修改造", "信息化建设运维", "教师培训", "学生资助", "社区卫生服务中心设备购置", "公共卫生应急物资储备", "道路大中修",
         "公交线路补贴", "养老服务补贴", "低保救助", "公共文化配送", "非遗保护传承", "智慧交通信号灯改造工程（一期）及配套管线迁移",
         "桥梁检测", "残疾人康复服务"]
recs = []
for i in range(66):
    b = round(random.uniform(10000, 5000000), 2)
    adj = round(b * random.choice([1, 1, 0.9, 1.1]), 2)
    s = round(adj * random.uniform(0, 1.05), 2)
    recs.append({"project": names[i % len(names)] + ("" if i < 15 else f"（{i // 15 + 1}）"), "department": deps[i % 5],
                 "budget": b, "adjusted": adj, "spent": s, "rate": round(s / adj, 4) if adj else 0, "remark": None, "tiny": 0})
recs[0]["tiny"] = 0.1; recs[1]["tiny"] = 0.2
recs[2]["spent"] = 0; recs[2]["rate"] = 0
recs[3]["spent"] = -1250.5; recs[3]["rate"] = -0.0012; recs[3]["remark"] = "退回以前年度多拨资金"
recs[4]["remark"] = "预算调整尚在审批中，调整后预算暂按年初预算数填列，待区政府常务会议审议通过后更正"
recs[5]["remark"] = ""
recs[6]["adjusted"] = 0; recs[6]["rate"] = 0; recs[6]["spent"] = 0
doc = {"title": "示例区2026年第一季度重点项目预算执行情况表", "as_of": "2026-03-31", "preparer": "李娜"}
json.dump({"document": doc, "records": recs}, open("records.json", "w"), ensure_ascii=False, indent=0)
