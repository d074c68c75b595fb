// Floor for the survey import benchmark: exceljs reading the same workbook
// and visiting every cell, with nothing else (no checks, no YAML).
import ExcelJS from 'exceljs'

const workbook = new ExcelJS.Workbook()
await workbook.xlsx.readFile(process.argv[2])
let cells = 0
for (const ws of workbook.worksheets) ws.eachRow((row) => row.eachCell(() => void cells++))
console.log(cells)
