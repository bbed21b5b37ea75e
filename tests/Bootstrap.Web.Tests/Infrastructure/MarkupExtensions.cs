using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace Bootstrap.Web.Tests.Infrastructure;

public static class MarkupExtensions
{
    /// <summary>The input marked with <paramref name="testId"/>.</summary>
    public static IElement Field<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Find($"input[data-testid='{testId}']");

    /// <summary>Everything MudBlazor shows around an input: label, helper text and validation messages.</summary>
    public static string FieldText<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Field(testId).Closest(".mud-input-control")!.TextContent;
}
