namespace MlmNetwork.Domain.Tests;

public class ProfileAndNotificationRuleTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 9, 0, 0, DateTimeKind.Utc);

    private static Distributor Someone()
    {
        var house = Distributor.CreateHouse("House", "house@example.com", "HOUSE001", Now);
        return Distributor.Join(house, "Anna Example", "anna@example.com", "ANNA0001", Now);
    }

    [Theory]
    [InlineData("+49 30 1234567", "+49 30 1234567")]
    [InlineData("  (030) 123-45.67 ", "(030) 123-45.67")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void A_phone_number_is_kept_as_typed_or_left_out(string? typed, string? kept)
    {
        var anna = Someone();
        anna.UpdateDetails("Anna Example", typed, null);
        Assert.Equal(kept, anna.Phone);
    }

    [Theory]
    [InlineData("123456")]                              // six digits
    [InlineData("call me maybe 1234567")]               // letters
    [InlineData("+1 234 567 8901 234 567 8901 234 567")] // longer than 32
    [InlineData("123\t4567")]                            // a control character
    public void A_phone_number_that_is_not_one_is_refused(string typed)
    {
        var anna = Someone();
        var refused = Record.Exception(() => anna.UpdateDetails("Anna Example", typed, null));
        Assert.Equal("phone", Assert.IsType<DomainRuleException>(refused).Field);
        Assert.Null(anna.Phone);
    }

    [Fact]
    public void An_address_keeps_its_lines_and_is_refused_past_300_characters_or_with_control_characters()
    {
        var anna = Someone();
        anna.UpdateDetails("Anna Example", null, "Hauptstr. 1\r\n10115 Berlin");
        Assert.Equal("Hauptstr. 1\n10115 Berlin", anna.Address);
        Assert.Equal("address", Assert.Throws<DomainRuleException>(() => anna.UpdateDetails("Anna Example", null, new string('a', 301))).Field);
        Assert.Equal("address", Assert.Throws<DomainRuleException>(() => anna.UpdateDetails("Anna Example", null, "a\u0000b")).Field);
        Assert.Equal("Hauptstr. 1\n10115 Berlin", anna.Address);
    }

    [Fact]
    public void A_new_name_is_found_by_search()
    {
        var anna = Someone();
        anna.UpdateDetails("  Анна Пример ", null, null);
        Assert.Equal("Анна Пример", anna.Name);
        Assert.Contains("анна пример", anna.SearchKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "•••• 3000")]
    [InlineData("de89370400440532013000", "DE89370400440532013000", "•••• 3000")]
    [InlineData("40817810099910004312", "40817810099910004312", "•••• 4312")] // a Russian account number: no IBAN check
    [InlineData("GB33 BUKB 2020 1555 5555 55", "GB33BUKB20201555555555", "•••• 5555")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606", "•••• 2606")]
    [InlineData("", null, null)]
    public void A_payout_account_is_kept_without_spaces_and_shown_by_its_last_four(string typed, string? kept, string? shown)
    {
        var anna = Someone();
        anna.SetPayoutAccount(typed);
        Assert.Equal((kept, shown), (anna.PayoutAccount, anna.MaskedPayoutAccount));
    }

    [Theory]
    [InlineData("1234567")]                                   // 7: too short
    [InlineData("DE89 3704 0044 0532 0130 00 1234 5678 9012 3")] // 35: too long
    [InlineData("DE89-3704-0044")]
    [InlineData("DE00 3704 0044 0532 0130 00")]  // IBAN-shaped, check digits wrong
    [InlineData("DE89 3704 0044 0532 0130 01")]  // one digit mistyped
    [InlineData("GB33 BUKB 2020 1555 5555 54")]
    public void A_payout_account_that_is_not_one_is_refused(string typed)
    {
        var anna = Someone();
        Assert.Equal("payoutAccount", Assert.Throws<DomainRuleException>(() => anna.SetPayoutAccount(typed)).Field);
    }

    [Fact]
    public void The_e_mail_follows_the_login_and_is_searched()
    {
        var anna = Someone();
        anna.ChangeEmail(" Anna.New@Example.com ");
        Assert.Equal("anna.new@example.com", anna.Email);
        Assert.Contains("anna.new@example.com", anna.SearchKey, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => anna.ChangeEmail("not an address"));
    }

    [Theory]
    [InlineData(NotificationKind.NewRecruit)]
    [InlineData(NotificationKind.Commission)]
    [InlineData(NotificationKind.Statement)]
    [InlineData(NotificationKind.Payout)]
    [InlineData(NotificationKind.Status)]
    [InlineData(NotificationKind.LowVolume)]
    public void By_default_every_kind_comes_in_the_app_and_by_e_mail_and_commissions_as_a_daily_digest(NotificationKind kind)
    {
        var defaults = NotificationPreferences.Defaults(7);
        Assert.True(defaults.InApp(kind) && defaults.Email(kind));
        Assert.Equal(CommissionNotice.DailyDigest, defaults.Commissions);
    }

    [Theory]
    [InlineData(NotificationKind.NewRecruit, true, false)]
    [InlineData(NotificationKind.Statement, false, true)]
    [InlineData(NotificationKind.Payout, false, false)]
    [InlineData(NotificationKind.LowVolume, true, true)]
    public void Each_kind_is_chosen_on_its_own(NotificationKind kind, bool inApp, bool email)
    {
        var choices = NotificationPreferences.Defaults(7);
        choices.Choose(kind, inApp, email);
        Assert.Equal((inApp, email), (choices.InApp(kind), choices.Email(kind)));
        foreach (var other in Enum.GetValues<NotificationKind>().Where(k => k != kind && k != NotificationKind.CustomerOrder))
        {
            Assert.True(choices.InApp(other) && choices.Email(other));
        }

        // A customer's order is always told in the app and never by e-mail: it is not a choice.
        Assert.Equal((true, false), (choices.InApp(NotificationKind.CustomerOrder), choices.Email(NotificationKind.CustomerOrder)));
    }

    [Fact]
    public void Commissions_off_silences_both_channels_whatever_the_boxes_say()
    {
        var choices = NotificationPreferences.Defaults(7);
        choices.ChooseCommissions(CommissionNotice.Off);
        Assert.False(choices.InApp(NotificationKind.Commission) || choices.Email(NotificationKind.Commission));
        choices.ChooseCommissions(CommissionNotice.EachSale);
        Assert.True(choices.InApp(NotificationKind.Commission) && choices.Email(NotificationKind.Commission));
        Assert.Throws<DomainRuleException>(() => choices.ChooseCommissions((CommissionNotice)9));
    }

    [Theory]
    [InlineData("Kira\u202Eevil")] // right-to-left override
    [InlineData("Kira\u200B")]      // zero-width space
    [InlineData("Ki\u0007ra")]      // a control character
    public void A_name_with_control_or_invisible_characters_is_refused(string name)
    {
        Assert.Equal("name", Assert.Throws<DomainRuleException>(() => Distributor.CleanName(name)).Field);
    }

    [Fact]
    public void The_phone_is_kept_from_recruits_until_the_person_chooses_to_show_it()
    {
        var anna = Someone();
        anna.UpdateDetails("Anna Example", "+44 20 7946 0018", null);
        var before = anna.SharesPhoneWithRecruits;

        anna.SharePhoneWithRecruits(true);

        Assert.False(before);
        Assert.True(anna.SharesPhoneWithRecruits);
    }
}
