import openpyxl, datetime
from openpyxl.styles import Alignment
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "资产"
ws.append(["示例市档案馆固定资产台账"]); ws.merge_cells("A1:I1")
ws.append(["code", "name", "acquired", "dept", "cost", "life", "depreciation", "net", "remark"])
rows = [
 ("GDZC-2016-001", "档案密集架（手摇式）", datetime.date(2016,3,12), "保管部", 286400.00, 15, 152746.67, 133653.33, ""),
 ("GDZC-2019-014", "恒温恒湿空调机组", datetime.date(2019,7,1), "保管部", 158000.5, 10, 86900.28, 71100.22, ""),
 ("GDZC-2021-003", "档案数字化扫描仪 A3 幅面", datetime.date(2021,5,20), "技术部", 64350, 6, 32175, 32175, ""),
 ("GDZC-2022-008", "服务器（双路 64 核，512GB 内存）", datetime.date(2022,11,2), "技术部", 128999.99, 6, 43000, 85999.99, "含三年维保"),
 ("GDZC-2023-011", "缩微胶片阅读机", datetime.date(2023,2,14), "利用部", 45800.1, 8, None, 45800.1, "新购未计提"),
 ("GDZC-2023-012", "查档终端一体机", datetime.date(2023,2,14), "利用部", 8600.2, 5, 1720.04, 6880.16, ""),
 ("GDZC-2024-002", "公务用车（新能源）", datetime.date(2024,1,8), "办公室", 189900, 8, 23737.5, 166162.5, ""),
]
for r in rows: ws.append(list(r))
for row in ws.iter_rows(min_row=3, min_col=3, max_col=3):
    for c in row: c.number_format = "yyyy\"年\"m\"月\"d\"日\""
ws.append([]); 
n = ws.max_row + 1
ws.cell(n, 4, "合计"); ws.cell(n, 5, "=SUM(E3:E9)")
wb.save("assets.xlsx")
