using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Seeding;

/// <summary>The demo company's starter kits, terms and policies, and training course, written as a real company would.</summary>
internal static class DemoOnboarding
{
    /// <summary>Seeds the kits (ids and versions returned), version 1 of the terms in English and Russian (its number returned) and three training modules.</summary>
    public static async Task<(IReadOnlyList<(long Id, int Version)> Kits, int Terms)> SeedAsync(MlmDbContext db, DateTime now, CancellationToken ct)
    {
        var products = await db.Products.ToDictionaryAsync(p => p.Sku, ct);
        var welcome = StarterKit.Create(
            "Welcome kit",
            "Try the two products customers ask for most, and share them: vitamin C and green tea.",
            new Money(3900),
            [new(products["VIT-C"], 1), new(products["TEA-GRN"], 2)],
            true,
            now);
        var builder = StarterKit.Create(
            "Business builder kit",
            "One of each of our best sellers, and a second vitamin C and omega-3 to show at your first tasting evening.",
            new Money(14900),
            [new(products["VIT-C"], 2), new(products["OMEGA-3"], 2), new(products["PROT-VAN"], 1), new(products["SKIN-SET"], 1)],
            true,
            now);
        db.StarterKits.AddRange(welcome, builder);
        var terms = TermsVersion.Publish(null, null, TermsText, RussianTermsText, "First version", now, "demo");
        db.TermsVersions.Add(terms);
        db.TrainingModules.AddRange(
            TrainingModule.Create("Welcome: how you earn", WelcomeModule, 10, null, "en", true, now),
            TrainingModule.Create("Your first customers", CustomersModule, 20, "https://videos.example.com/first-customer", "en", true, now),
            TrainingModule.Create("Inviting and coaching your team", TeamModule, 30, null, "en", true, now),
            TrainingModule.Create("Taxes and invoices (draft)", "To be written with our accountant.", 40, null, "en", false, now));
        await db.SaveChangesAsync(ct);
        return ([(welcome.Id, welcome.Version), (builder.Id, builder.Version)], terms.Version);
    }

    private const string TermsText = """
        # Distributor terms and policies

        These terms apply between you and the company from the day you join.

        ## 1. Independent distributor
        You are an independent distributor, not an employee. You decide when and how you work.

        ## 2. How you earn
        - You earn a commission on your **own sales to customers** and a share of the sales of the people in your team, as the commission plan in force says.
        - **Nobody is paid for recruiting.** Signing someone up pays nothing, and neither does a starter kit: a starter kit pays no commission to anyone and counts for nobody's volume.
        - A refunded sale takes back the commissions it paid.

        ## 3. Honest selling
        Describe products only as the company does. Never promise income: what you earn depends on your sales.

        ## 4. Returns
        Customers may return products within 30 days. A starter kit may be returned whole within 30 days of joining.

        ## 5. Your data
        We keep your name, e-mail address and sales to run the network and pay you. Your sponsor sees your name, e-mail address and your getting-started progress.

        ## 6. Changes
        When these terms change, you are asked to read and accept the new version before you go on.
        """;

    private const string RussianTermsText = """
        # Условия и правила для дистрибьюторов

        Эти условия действуют между вами и компанией со дня, когда вы присоединились.

        ## 1. Независимый дистрибьютор
        Вы независимый дистрибьютор, а не сотрудник компании. Вы сами решаете, когда и как работать.

        ## 2. Как вы зарабатываете
        - Вы получаете вознаграждение за **собственные продажи покупателям** и долю от продаж людей в вашей команде, как сказано в действующем плане вознаграждений.
        - **Никому не платят за приглашение новых людей.** Регистрация нового человека ничего не приносит, как и стартовый набор: он не приносит вознаграждения никому и не входит ни в чей объём.
        - При возврате продажи выплаченное за неё вознаграждение списывается.

        ## 3. Честные продажи
        Описывайте продукты только так, как их описывает компания. Никогда не обещайте доход: ваш заработок зависит от ваших продаж.

        ## 4. Возвраты
        Покупатели могут вернуть продукты в течение 30 дней. Стартовый набор можно вернуть целиком в течение 30 дней после регистрации.

        ## 5. Ваши данные
        Мы храним ваше имя, адрес электронной почты и продажи, чтобы вести сеть и платить вам. Ваш спонсор видит ваше имя, адрес электронной почты и то, как вы проходите первые шаги.

        ## 6. Изменения
        Когда условия меняются, вас просят прочитать и принять новую версию, прежде чем продолжить работу.
        """;

    private const string WelcomeModule = """
        Welcome to the team! This module takes ten minutes.

        ## Where your income comes from
        1. **Your own sales.** Every sale to a customer pays you a personal commission on its *volume* (the commission base of the products).
        2. **Your team's sales.** When people you invited sell, you earn a smaller share of their volume, level by level.

        That is all. There is no pay for signing people up and none for starter kits: the company pays for products that reach customers.

        ## What to do this week
        - Confirm your e-mail address and complete your profile.
        - Read the next two modules.
        - Record your first sale.
        """;

    private const string CustomersModule = """
        Your first customers are people who already trust you.

        ## Make a list
        Write down twenty people you know: family, friends, colleagues, neighbours. Next to each name, note one product they might like.

        ## Talk about products, not about the business
        | Customer says | You answer |
        | --- | --- |
        | "Is it expensive?" | Show the price per day: vitamin C is about 22 cents. |
        | "I'll think about it." | Offer a sample and ask when you may call back. |

        ## Record every sale
        Record each sale in **Record a sale** the day you make it: your personal volume counts towards the month's minimum.

        The video below shows a first conversation, start to finish.
        """;

    private const string TeamModule = """
        When someone wants to sell too, send them your referral link: they land in your team.

        ## Coach your recruits
        - Open **My recruits** to see each person's getting-started steps and training.
        - Call them in their first week: help them make their first sale.
        - Never pressure anyone to buy a starter kit or products to "qualify": the company does not pay for that, and neither should they.

        ## Be a good sponsor
        Answer questions within a day. Your recruits see your name and e-mail address on their dashboard.
        """;
}
