# Writes records.csv (GB18030, no BOM, as Chinese Excel saves "CSV (逗号分隔)"), records.xlsx (the
# same records under a merged title row, with real TRUE/FALSE cells, a phone number as a number
# and the first 补贴金额 as a number stored as text) and the two photos. Needs Debian's
# python3-openpyxl: run with /usr/bin/python3.
import csv, io, struct, zlib, openpyxl

def png(path, w, h, fn):
    raw = b''.join(b'\0' + b''.join(bytes(fn(x, y)) for x in range(w)) for y in range(h))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
                           chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
png('photos/zhang.png', 150, 210, lambda x, y: (90, 90, 100) if (x-75)**2/40**2 + (y-80)**2/50**2 < 1 else (170, 200, 235))
png('photos/zhao.png', 300, 200, lambda x, y: (200, 220, 200) if x % 20 else (0, 0, 0))  # a landscape picture

head = ["id", "name", "gender", "birth", "ethnicity", "native", "party", "degree", "id_card", "phone", "category", "certs",
        "overseas", "overseas_detail", "subsidy", "resume", "pledge", "record_note", "remark", "reviewed", "passed", "photo",
        "review_date"]
rows = [
    ["2026-001", "张伟", "男", "1988-05-12", "汉族", "江苏南京", "中共党员", "博士研究生", "110101198805120012", "13800000000", "A",
     "注册会计师\n高级工程师", "true", "2014年9月至2016年8月在英国伦敦政治经济学院从事博士后研究", "200000",
     "2010.09—2014.07 某某大学经济学院博士研究生\n2014.09—2016.08 英国伦敦政治经济学院博士后研究员，从事公共财政与政府预算绩效管理方面的研究工作，主持完成国际合作课题三项\n2016.09—至今 某某研究院副研究员、研究员",
     "true", "", "", "true", "true", "photos/zhang.png", "2026-03-20"],
    ["2026-002", "李娜", "女", "1995-11", "", "", "群众", "硕士研究生", "310101199511020021", "13900000000", "C", "", "false", "",
     "0", "2018.09—2021.06 某某大学硕士研究生", "1", "",
     "申报材料齐全，其中学位证书为国（境）外学位，需经教育部留学服务中心认证后方可最终确认审核结论", "false", "false", "",
     "2026-03-21"],
    ["2026-003", "赵一鸣", "男", "1979-01-30", "回族", "宁夏银川", "民盟盟员", "其他", "640101197901300033", "13700000000", "B",
     "一级建造师", "false", "", "-1500.5", "1998.09—2002.07 某某职业技术学院", "false",
     "2019年因违规操作受到行政警告处分一次，已于2020年解除。", "", "true", "false", "photos/zhao.png", "2026-03-22"],
]
s = io.StringIO()
csv.writer(s, lineterminator="\r\n").writerows([head] + rows)
open("records.csv", "wb").write(s.getvalue().encode("gb18030"))

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "登记"
ws.append(["人才引进资格审查登记汇总"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
ws.append(head)
for r in rows:
    r = list(r)
    r[head.index("phone")] = int(r[head.index("phone")])
    for k in ("overseas", "reviewed"):
        r[head.index(k)] = r[head.index(k)] == "true"
    ws.append(r)
ws.cell(row=3, column=head.index("subsidy") + 1).value = "200000"  # a number stored as text
wb.save("records.xlsx")
