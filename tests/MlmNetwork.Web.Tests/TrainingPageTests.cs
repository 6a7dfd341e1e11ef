using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>Training: modules admins write (Markdown shown safely), distributors read and mark done, admins follow.</summary>
public class TrainingPageTests(MlmAppFactory app) : AppTest(app)
{
    [Theory]
    [InlineData("<script>alert('x')</script>", "<script")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "javascript:")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("![x](x \"t\" onerror=alert(1))", "onerror")]
    [InlineData("![x](https://example.com/x.png){onerror=alert(1)}", "onerror")]
    [InlineData("[x](https://example.com){onclick=alert(1)}", "onclick")]
    [InlineData("<a href=\"https://example.com\" onclick=\"steal()\">hi</a>", "<a href")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>", "<iframe")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text")]
    public void Markdown_is_rendered_without_scripts_handlers_dangerous_links_or_raw_html(string markdown, string mustNotAppear)
    {
        var html = new SafeMarkdown().ToHtml(markdown);

        // A tag must not appear as a tag; an attribute or a scheme must not appear inside any tag (as text it is harmless).
        if (mustNotAppear.StartsWith('<'))
        {
            Assert.DoesNotContain(mustNotAppear, html, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<[^<>]*" + System.Text.RegularExpressions.Regex.Escape(mustNotAppear), System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        }
    }

    [Fact]
    public void Raw_html_shows_as_text_and_markdown_formats()
    {
        var markdown = new SafeMarkdown();

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", markdown.ToHtml("<b>bold</b>"));
        Assert.Equal("<h2>Title</h2>\n<p><strong>strong</strong> <a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">link</a></p>\n", markdown.ToHtml("## Title\n**strong** [link](https://example.com)"));
        Assert.Contains("<table>", markdown.ToHtml("| a | b |\n| --- | --- |\n| 1 | 2 |"));
    }

    [Fact]
    public async Task A_distributor_reads_a_module_marks_it_done_and_undoes_it_and_admins_see_the_completion()
    {
        var admin = await App.LoginAsAdminAsync();
        var first = await App.CreateTrainingModuleAsync(admin, "Welcome", "## How you earn\n<script>alert(1)</script>\n[bad](javascript:alert(1))", video: "https://videos.example.com/welcome");
        var second = await App.CreateTrainingModuleAsync(admin, "Customers", "Make a list.", position: 20);
        var draft = await App.CreateTrainingModuleAsync(admin, "Taxes", "Soon.", published: false, position: 30);
        var (nina, ninaJson) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");
        await App.SignUpThroughReferralAsync(null, "Oleg", "oleg@example.com");

        var list = await (await nina.GetAsync("/Training")).TextAsync();
        var read = await nina.GetAsync($"/Training/{first}");
        var html = await read.Content.ReadAsStringAsync();
        var done = await nina.PostFormAsync($"/Training/{first}?handler=Done", [], $"/Training/{first}");
        var twice = await nina.PostFormAsync($"/Training/{first}?handler=Done", [], $"/Training/{first}");
        var afterDone = await (await nina.GetAsync($"/Training/{first}")).TextAsync();
        var modules = await (await admin.GetAsync("/Admin/Training")).TextAsync();
        var perDistributor = await (await admin.GetAsync("/Admin/Training/Progress")).TextAsync();
        var hers = await (await admin.GetAsync($"/Admin/Training/Progress/{ninaJson.Id()}")).TextAsync();

        Assert.Contains("You have done 0 of 2 modules.", list);
        Assert.DoesNotContain("Taxes", list);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("<h2>How you earn</h2>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("href=\"https://videos.example.com/welcome\"", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("Mark as not done", afterDone);
        Assert.Contains($"href=\"/Training/{second}\"", afterDone);
        Assert.Equal(1, await App.WithDbAsync(db => db.TrainingCompletions.CountAsync()));
        Assert.Contains($"data-testid=\"finished-{first}\">1 of 2</td>", modules);
        Assert.Contains($"data-testid=\"finished-{second}\">0 of 2</td>", modules);
        Assert.Contains($"data-testid=\"finished-{draft}\">0 of 2</td>", modules);
        Assert.Contains("1 of 2", perDistributor);
        Assert.Contains("Welcome", hers);
        Assert.Contains("Not yet", hers);

        var undone = await nina.PostFormAsync($"/Training/{first}?handler=Undo", [], $"/Training/{first}");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.TrainingCompletions.CountAsync()));
    }

    [Fact]
    public async Task Drafts_unknown_and_hostile_module_ids_are_404()
    {
        var admin = await App.LoginAsAdminAsync();
        var draft = await App.CreateTrainingModuleAsync(admin, "Taxes", "Soon.", published: false);
        var (nina, _) = await App.SignUpThroughReferralAsync(null, "Nina", "nina@example.com");

        Assert.Equal(HttpStatusCode.NotFound, (await nina.GetAsync($"/Training/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.PostFormAsync($"/Training/{draft}?handler=Done", [], "/Training")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.PostFormAsync("/Training/999?handler=Undo", [], "/Training")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.GetAsync("/Training/99999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Training/Edit/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Training/Progress/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Training/Progress/1")).StatusCode); // the house account
        Assert.Equal(0, await App.WithDbAsync(db => db.TrainingCompletions.CountAsync()));
    }

    [Fact]
    public async Task A_module_with_an_unsafe_video_link_is_refused_with_a_message()
    {
        var admin = await App.LoginAsAdminAsync();

        var http = await admin.PostFormAsync("/Admin/Training/Edit", new() { ["Input.Title"] = "T", ["Input.Body"] = "B", ["Input.Position"] = "1", ["Input.VideoUrl"] = "javascript:alert(1)", ["Input.Language"] = "en" });
        var language = await admin.PostFormAsync("/Admin/Training/Edit", new() { ["Input.Title"] = "T", ["Input.Body"] = "B", ["Input.Position"] = "1", ["Input.Language"] = "xx" });

        Assert.Contains("The video link must be an https:// address", await http.TextAsync());
        Assert.Contains("The language is English or Russian.", await language.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.TrainingModules.CountAsync()));
        var id = await App.CreateTrainingModuleAsync(admin, "Safe", "Text");
        Assert.Contains("Training module written", await (await admin.GetAsync("/Admin/Audit")).TextAsync());
        Assert.Contains("data-testid=\"preview\"", await (await admin.GetAsync($"/Admin/Training/Edit/{id}")).TextAsync());
    }

    [Fact]
    public async Task A_course_written_in_both_languages_trains_each_person_once_in_their_own()
    {
        var admin = await App.LoginAsAdminAsync();
        var english = await App.CreateTrainingModuleAsync(admin, "How you earn", "Sell to customers.");
        var russian = await App.CreateTrainingModuleAsync(admin, "Как вы зарабатываете", "Продавайте покупателям.", language: "ru");
        var (sara, saraJson) = await App.SignUpThroughReferralAsync(null, "Sara", "sara@example.com");
        var (nina, ninaJson) = await App.SignUpThroughReferralAsync(saraJson.Code(), "Nina", "nina@example.com");
        var (oleg, olegJson) = await App.SignUpThroughReferralAsync(saraJson.Code(), "Олег", "oleg@example.com");
        var switched = await oleg.PostFormAsync("/Account/Language", new() { ["culture"] = "ru-RU", ["returnUrl"] = "/Training" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var ninaCourse = await (await nina.GetAsync("/Training")).TextAsync();
        var olegCourse = await (await oleg.GetAsync("/Training")).TextAsync();
        Assert.Contains($"/Training/{english}", ninaCourse);
        Assert.DoesNotContain($"/Training/{russian}", ninaCourse);
        Assert.Contains($"/Training/{russian}", olegCourse);
        Assert.DoesNotContain($"/Training/{english}", olegCourse);

        // Oleg finishes his course with the Russian module alone; his sponsor sees it so.
        var done = await oleg.PostFormAsync($"/Training/{russian}?handler=Done", [], $"/Training/{russian}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var recruits = await (await sara.GetAsync("/Team/Recruits")).TextAsync();
        var olegRow = System.Text.RegularExpressions.Regex.Match(recruits, $"<tr data-testid=\"recruit-{olegJson.Id()}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var ninaRow = System.Text.RegularExpressions.Regex.Match(recruits, $"<tr data-testid=\"recruit-{ninaJson.Id()}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<td>1 of 1</td>", olegRow);
        Assert.Contains("<td>0 of 1</td>", ninaRow);
        var progress = await (await admin.GetAsync("/Admin/Training/Progress")).TextAsync();
        Assert.Contains("1 of 1", progress);
        // Each module is out of the people who read its language: Oleg alone for the Russian one, Sara and Nina for the English one.
        var modules = await (await admin.GetAsync("/Admin/Training")).TextAsync();
        Assert.Contains($"data-testid=\"finished-{russian}\">1 of 1</td>", modules);
        Assert.Contains($"data-testid=\"finished-{english}\">0 of 2</td>", modules);
    }
}
