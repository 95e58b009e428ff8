using BenchSuite.Reports.Documents;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// Where the suite departs from the kernel code it models, so a reviewer quoting a figure knows what it rests on.
/// Each departure is stated in the code it concerns as well; this is the reader's list.
/// </summary>
public static class DeparturesSection
{
    static readonly (string Where, string Departure)[] s_departures =
    [
        ("phyr16, order8", "Proposals without kernel code: built within the device's max_segment, as ib_umem_get builds the scatterlist, and by one build policy (a run held open across GUP batches, scatterlist-style chunks) so their footprints differ by entry format alone."),
        ("dma_map_sg", "An entry longer than the device's max_segment (or crossing its segment boundary where padding puts it) is refused; the kernel would hand the device an oversized segment."),
        ("rlist_dma", "The fast path is taken for every list without P2P pages: a GUP page list's interior boundaries are page aligned (the prototype's rlist_cpu_is_pagelist test of the first entry reads inverted). The fast path's one entry starts at the first byte (the prototype's starts at the window, without the offset its mapping adds); padding at the segment boundary happens on the fast path too; under the p2p mapper GUP-pinned BAR pages get bus addresses (the prototype IOVA-maps folio entries)."),
        ("block layer (bio_vec)", "A coalesced IOVA window is cut at the device's max_segment (the kernel hands it over as one range); requests are split at the queue's max_sectors and max_segments only under the nvme device (its driver's limits, 128 KiB behind an IOMMU by dma_opt_mapping_size); under the other devices a request is all of a buffer's RAM bios, and each BAR bio. The virt_boundary and chunk_sectors are not modelled, and batches time without queue limits, so the submit-time split's walk (bio_split_io_at, which the kernel runs on every multi-bvec bio) is not in any timing."),
        ("physvec", "VFIO is told nr_ranges and kcallocs the phys_vec array once; a list fed by GUP batches learns its count at the end, so the array grows with krealloc (a copy each time it outgrows its kmalloc size class) and ends as the same one allocation. Its DMA output is a dma_vec array; VFIO hands importers an sg_table built from the phys_vecs (dma_buf_phys_vec_to_sgt)."),
        ("iova-link", "Whether a list can be linked into one window is decided by a walk of its ranges first (boundaries on the granule, no BAR page), which DmaMap:iova-link times; the block layer decides from the request's merge state without one. The window is cut at the device's max_segment and boundary (the kernel hands it over as one range). A list with a BAR page maps every range alone, as a request of one provider would in the block layer. The block layer's per-request dma_iova_state is not counted in biovec's DMA footprint. IOTLB syncs are counted, not timed: the simulated table has no IOTLB."),
        ("gpu-pt", "One xe VM (Xe_HP and later: compact 64 KiB tables), each bind into empty tables: no shared-table staging, TLB invalidation, fences or scratch pages; entries carry address, present, write and size bits only. A compact table is written as chunks arrive and rewritten as 4 KiB PTEs if a later chunk fails (xe scans ahead), so the final tables match and only that case writes more."),
        ("hmm_dma_map", "pagearray's DMA output refuses a list with a peer's BAR pages under every mapper; the kernel's hmm_dma_map_pfn flags such a page in pfn_list (HMM_PFN_P2PDMA_BUS), hands its bus address to the caller, and links the RAM pages around it. With an IOMMU granule larger than a page it is refused as the kernel refuses it (dma_iova_link, -EIO)."),
        ("struct bio", "Modelled as the 32 bytes a bvec chain needs (with the inline bvecs behind it); the kernel's struct bio is larger, so biovec footprints are a lower bound."),
        ("kvmalloc", "The kmalloc attempt, made without direct reclaim, is assumed to succeed up to 4 MiB; a fragmented machine would fall back to vmalloc sooner. A kvmalloc above INT_MAX, which the kernel fails (a page array above 1 TiB pinned), is counted as if it succeeded."),
        ("IOVA allocator", "Placement only (top down, naturally aligned, rcache sizes rounded): no rbtree or per-CPU caches, so mapping time excludes their cost."),
    ];

    public static Section Build() => new("departures", "Departures from the kernel",
    [
        new Paragraph("What the suite does differently from the kernel code it follows, and why; figures that rest on one say so in their section."),
        new Table("Departures", ["where", "departure"], s_departures.Select(d => (IReadOnlyList<string>)[d.Where, d.Departure]).ToList(), TextColumns: [0, 1]),
    ], InSummary: false);
}
