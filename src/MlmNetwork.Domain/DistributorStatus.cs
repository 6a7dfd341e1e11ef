namespace MlmNetwork.Domain;

/// <summary>Only Active distributors earn; a Terminated one cannot log in or sell and stays in the tree.</summary>
public enum DistributorStatus
{
    Active = 0,
    Inactive = 1,
    Terminated = 2,
}
