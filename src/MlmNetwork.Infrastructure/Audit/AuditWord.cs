namespace MlmNetwork.Infrastructure;

/// <summary>A word of the app's own in an audit text (a status, a kind): English, translated when shown.</summary>
public readonly record struct AuditWord(string English)
{
    public override string ToString() => English;
}
