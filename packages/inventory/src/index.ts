export { checkInventory, checkInventoryDir, regionOf, type CheckResult } from './_check'
export { indexInventory, type InventoryIndex } from './_index'
export { buildReport, LABELS, renderReportMarkdown, type CoverageItem, type DuplicateGroup, type InventoryReport, type OrganizationSummary } from './_report'
export {
  CHANNEL_SHEET,
  choiceFor,
  EXAMPLE_MARK,
  INTERFACE_SHEET,
  ORGANIZATION_SHEET,
  SHEETS,
  STAGE_LABELS,
  type CellType,
  type Choice,
  type ColumnDef,
  type SheetDef,
  type SheetKind,
} from './_columns'
export { surveyWorkbook, type SurveyOptions, type SurveySummary } from './_survey'
export { importWorkbooks, type ChangeStatus, type EntityChange, type ImportOptions, type ImportResult } from './_import'
export { ERROR_FILL, errorWorkbookPath, NOTE_MARK, WARNING_FILL } from './_errors-workbook'
export { accessListRows, accessListWorkbook, DEFAULT_LAYOUT, EXPORT_VALUES, loadExportLayout, type ExportColumn, type ExportLayout } from './_export'
