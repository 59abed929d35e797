/**
 * zod schemas for the SP-API answers Skulink reads, following the official models in
 * ../shared/contracts/amazon-sp-api (only the fields we use; unknown fields are dropped).
 */
import { z } from 'zod';

/** Listings Items 2021-08-01 `Issue`. */
export const SpIssue = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
});
export type SpIssue = z.infer<typeof SpIssue>;

const Money = z.object({ currencyCode: z.string(), amount: z.string() });

/** Listings Items 2021-08-01 `Item`. */
export const ListingsItem = z.object({
  sku: z.string(),
  summaries: z
    .array(
      z.object({
        marketplaceId: z.string(),
        asin: z.string().optional(),
        productType: z.string(),
        status: z.array(z.string()),
        itemName: z.string().optional(),
        fnSku: z.string().optional(),
        createdDate: z.string(),
        lastUpdatedDate: z.string(),
      }),
    )
    .optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(SpIssue).optional(),
  offers: z.array(z.object({ marketplaceId: z.string(), offerType: z.string(), price: Money })).optional(),
  fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().optional() })).optional(),
  productTypes: z.array(z.object({ marketplaceId: z.string(), productType: z.string() })).optional(),
});
export type ListingsItem = z.infer<typeof ListingsItem>;

/** `ItemSearchResults` of searchListingsItems. */
export const ListingsSearchResults = z.object({
  numberOfResults: z.number().int(),
  pagination: z.object({ nextToken: z.string().optional(), previousToken: z.string().optional() }).optional(),
  items: z.array(ListingsItem),
});
export type ListingsSearchResults = z.infer<typeof ListingsSearchResults>;

/** `ListingsItemSubmissionResponse` of patch/put. */
export const ListingsSubmission = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(SpIssue).optional(),
});
export type ListingsSubmission = z.infer<typeof ListingsSubmission>;

/** A JSON Patch operation on listing attributes. */
export const PatchOperation = z.object({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string(),
  value: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type PatchOperation = z.infer<typeof PatchOperation>;

const ProcessingStatus = z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']);

/** Feeds 2021-06-30. */
export const CreateFeedDocumentResponse = z.object({ feedDocumentId: z.string(), url: z.string() });
export const CreateFeedResponse = z.object({ feedId: z.string() });
export const Feed = z.object({
  feedId: z.string(),
  feedType: z.string(),
  createdTime: z.string(),
  processingStatus: ProcessingStatus,
  resultFeedDocumentId: z.string().optional(),
});
export type Feed = z.infer<typeof Feed>;

/** A feed or report document: where to download it and whether it is gzip-compressed. */
export const DocumentLink = z.object({ url: z.string(), compressionAlgorithm: z.enum(['GZIP']).optional() });
export const FeedDocument = DocumentLink.extend({ feedDocumentId: z.string() });

/** Reports 2021-06-30. */
export const CreateReportResponse = z.object({ reportId: z.string() });
export const Report = z.object({
  reportId: z.string(),
  reportType: z.string(),
  createdTime: z.string(),
  processingStatus: ProcessingStatus,
  reportDocumentId: z.string().optional(),
});
export type Report = z.infer<typeof Report>;
export const ReportDocument = DocumentLink.extend({ reportDocumentId: z.string() });

/** JSON_LISTINGS_FEED processing report (listings-feed-processing-report-schema-v2). */
export const ListingsFeedProcessingReport = z.object({
  header: z.object({ sellerId: z.string(), version: z.string(), feedId: z.string().optional() }),
  issues: z.array(
    z.object({
      messageId: z.number().int().optional(),
      sku: z.string().optional(),
      code: z.string(),
      message: z.string(),
      severity: z.enum(['ERROR', 'WARNING', 'INFO']),
      attributeName: z.string().optional(),
    }),
  ),
  summary: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    messagesProcessed: z.number().int(),
    messagesAccepted: z.number().int(),
    messagesInvalid: z.number().int(),
  }),
});
export type ListingsFeedProcessingReport = z.infer<typeof ListingsFeedProcessingReport>;

/** Orders 2026-01-01 `Money` and `Order` (the parts Skulink imports). */
const OrderMoney = z.object({ amount: z.string(), currencyCode: z.string() });
export const Order = z.object({
  orderId: z.string(),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  salesChannel: z.object({ channelName: z.string(), marketplaceId: z.string().optional() }),
  fulfillment: z
    .object({
      fulfillmentStatus: z.enum(['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE']),
      fulfilledBy: z.string().optional(),
    })
    .optional(),
  proceeds: z.object({ grandTotal: OrderMoney.optional() }).optional(),
  recipient: z
    .object({
      deliveryAddress: z
        .object({
          name: z.string().optional(),
          addressLine1: z.string().optional(),
          city: z.string().optional(),
          stateOrRegion: z.string().optional(),
          postalCode: z.string().optional(),
          countryCode: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  orderItems: z.array(
    z.object({
      orderItemId: z.string(),
      quantityOrdered: z.number().int(),
      product: z.object({
        asin: z.string().optional(),
        title: z.string().optional(),
        sellerSku: z.string().optional(),
        price: z.object({ unitPrice: OrderMoney.optional() }).optional(),
      }),
    }),
  ),
});
export type Order = z.infer<typeof Order>;
export const SearchOrdersResponse = z.object({
  orders: z.array(Order),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
});
export const GetOrderResponse = z.object({ order: Order });
