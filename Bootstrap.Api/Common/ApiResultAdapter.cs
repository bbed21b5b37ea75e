using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Bootstrap.Api.Common;

/// <summary>Lets MVC filters return the minimal-API results the error mappers produce.</summary>
public sealed class ApiResultAdapter(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
