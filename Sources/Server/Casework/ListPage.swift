import Vapor

/// One page of a list: its lines, which page, and how many match, counted no further than
/// the page's reach (`totalIsAtLeast`: there are more than `total`).
struct ListPage<Item: Codable & Sendable>: Content {
    let items: [Item]
    let page: Int
    let pageSize: Int
    let total: Int
    let totalIsAtLeast: Bool

    func map<Other>(_ transform: (Item) throws -> Other) rethrows -> ListPage<Other> {
        ListPage<Other>(items: try items.map(transform), page: page, pageSize: pageSize, total: total, totalIsAtLeast: totalIsAtLeast)
    }

    /// The addresses of the pages before and after this one ("" where there is none).
    func neighbours(_ address: (Int) -> String) -> (previous: String, next: String) {
        let pages = (total + pageSize - 1) / pageSize
        return (page > 1 ? address(page - 1) : "", page < pages ? address(page + 1) : "")
    }
}

/// The page a caller asks of a list, within the list's sizes. Deep pages are refused: reaching
/// one costs a scan as deep, and the list's filters narrow it instead.
struct PageRequest: Sendable {
    /// How far past the page a list's total is counted: beyond it the page says "at least".
    static let countAhead = 1_000
    /// The furthest line a page may start at.
    static let deepestLine = 10_000

    let page: Int
    let size: Int

    /// `narrowing` names the filters that narrow the list, for the refusal of a deep page.
    init(page: Int?, size: Int?, defaultSize: Int, maxSize: Int, narrowing: String) throws {
        self.page = max(1, page ?? 1)
        self.size = max(1, min(size ?? defaultSize, maxSize))
        guard offset < Self.deepestLine else {
            throw Problem.invalid(field: "page", "只能翻到第 \(Self.deepestLine) 份为止，请按\(narrowing)缩小范围")
        }
    }

    var offset: Int { (page - 1) * size }
    var countLimit: Int { offset + Self.countAhead }

    /// This page of a list whose store counted `matching` lines.
    func of<Item>(_ items: [Item], matching: Int) -> ListPage<Item> {
        ListPage(items: items, page: page, pageSize: size, total: min(matching, countLimit), totalIsAtLeast: matching > countLimit)
    }
}
