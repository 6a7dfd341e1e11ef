using System.ComponentModel.DataAnnotations;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Customers;

namespace MlmNetwork.Web.Pages.Customers;

/// <summary>A customer's details as a distributor types them.</summary>
public sealed class CustomerForm
{
    [Required(ErrorMessage = "The {0} field is required.")]
    [StringLength(Distributor.NameMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(Distributor.EmailMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [StringLength(Distributor.PhoneMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
    [Display(Name = "Phone")]
    public string? Phone { get; set; }

    public bool Consent { get; set; }

    public CustomerDetails Details() => new(Name ?? string.Empty, Email, Phone, Consent);

    /// <summary>The form field a domain refusal is about.</summary>
    public static string FieldOf(string? field, string prefix) => field switch
    {
        "name" => prefix + "." + nameof(Name),
        "email" => prefix + "." + nameof(Email),
        "phone" => prefix + "." + nameof(Phone),
        _ => string.Empty,
    };
}
