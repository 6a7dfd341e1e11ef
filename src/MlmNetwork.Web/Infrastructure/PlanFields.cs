using System.ComponentModel.DataAnnotations;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The fields of a commission plan as typed in a form: the plan editor's and the simulator's drafts share them (and <see cref="PlanFormReader"/>).</summary>
public class PlanFields
{
    [Required(ErrorMessage = "The {0} field is required."), StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Personal percent")]
    public string? PersonalPercent { get; set; }

    public List<string?> Levels { get; set; } = [];

    public bool Compression { get; set; }

    [StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Minimum personal volume")]
    public string? MinPersonalVolume { get; set; }

    [StringLength(24, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Minimum customer share")]
    public string? MinCustomerShare { get; set; }

    public bool ForfeitBelowCustomerShare { get; set; }
}
