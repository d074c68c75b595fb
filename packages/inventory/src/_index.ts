import type { AnyEntity, Entity, Kind } from '@yingjie/model'

/** Lookup tables built once per check or report. */
export interface InventoryIndex {
  byId: Map<string, AnyEntity>
  byKind: { [K in Kind]: Entity<K>[] }
  /** Service item code → the list entry that defines it (first one wins). */
  items: Map<string, { name: string; domain: string }>
  itemOwners: Map<string, { entity: Entity<'ServiceList'>; index: number }>
}

export function indexInventory(entities: readonly AnyEntity[]): InventoryIndex {
  const byKind = { Region: [], Organization: [], Channel: [], Interface: [], ServiceList: [], Migration: [] } as unknown as InventoryIndex['byKind']
  const byId = new Map<string, AnyEntity>()
  const items = new Map<string, { name: string; domain: string }>()
  const itemOwners = new Map<string, { entity: Entity<'ServiceList'>; index: number }>()
  for (const e of entities) {
    ;(byKind[e.kind] as AnyEntity[]).push(e)
    if (!byId.has(e.metadata.id)) byId.set(e.metadata.id, e)
    if (e.kind === 'ServiceList') {
      e.spec.items.forEach((item, index) => {
        if (items.has(item.code)) return
        items.set(item.code, { name: item.name, domain: item.domain })
        itemOwners.set(item.code, { entity: e, index })
      })
    }
  }
  return { byId, byKind, items, itemOwners }
}
