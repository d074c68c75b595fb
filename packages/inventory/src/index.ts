export { checkInventory, checkInventoryDir, regionOf, type CheckResult } from './_check'
export { indexInventory, type InventoryIndex } from './_index'
export { buildReport, LABELS, renderReportMarkdown, type CoverageItem, type DuplicateGroup, type InventoryReport, type OrganizationSummary } from './_report'
