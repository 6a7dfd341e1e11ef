namespace MlmNetwork.Web.Api;

/// <summary>A 400 the API says in its own words (a missing Idempotency-Key, a body it cannot read), shown to the client as written.</summary>
public sealed class ApiInputException(string message) : BadHttpRequestException(message);
