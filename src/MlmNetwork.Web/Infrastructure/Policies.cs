namespace MlmNetwork.Web.Infrastructure;

public static class Policies
{
    public const string Admin = "Admin";
    public const string Distributor = "Distributor";
    public const string Api = "Api";
    public const string LoginLimit = "login";
    public const string SignUpLimit = "signup";
    public const string ApiLimit = "api";
}
