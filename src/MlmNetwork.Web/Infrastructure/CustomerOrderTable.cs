using MlmNetwork.Infrastructure.Customers;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>What the customer orders table (Pages/Shared/_CustomerOrders) shows: the rows, and whether to name the seller and the customer.</summary>
public sealed record CustomerOrderTable(IReadOnlyList<CustomerOrderRow> Rows, bool ShowSeller, bool ShowCustomer, string CustomerLinkPrefix = "/Customers/");
