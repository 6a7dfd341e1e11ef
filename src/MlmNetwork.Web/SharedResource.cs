namespace MlmNetwork.Web;

/// <summary>
/// The strings every page shares (the layout, the navigation, common words): their Russian is in
/// Resources/SharedResource.ru.resx. A page's own strings are in its own file beside it, under
/// Resources/Pages/...; the English text itself is the key, so English needs no file.
/// </summary>
public sealed class SharedResource;
