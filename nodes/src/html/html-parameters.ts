import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

/** n8n's default template for "Generate HTML Template". */
export const HTML_TEMPLATE_PLACEHOLDER = `<!DOCTYPE html>

<html>
<head>
  <meta charset="UTF-8" />
  <title>Document</title>
</head>
<body>
  <div class="container">
    <h1>This is a Heading</h1>
    <p>This is a paragraph.</p>
    <div>Some more content!</div>
  </div>
</body>
</html>

<style>
.container {
  background-color: lightblue;
  text-align: center;
  padding: 16px;
  border-radius: 10px;
}

h1 {
  color: purple;
  font-size: 24px;
  font-weight: bold;
  padding: 8px;
}
</style>

<script>
console.log("Hello World!");
</script>`;

const extractionValue = z.looseObject({
  key: param.string().default(''),
  cssSelector: param.string().default(''),
  returnValue: param.options(['attribute', 'html', 'text', 'value']).default('text'),
  attribute: param.string().default(''),
  skipSelectors: param.string().default(''),
  returnArray: param.boolean().default(false),
});

const common = {
  operation: param
    .options(['generateHtmlTemplate', 'extractHtmlContent', 'convertToHtmlTable'])
    .default('generateHtmlTemplate'),
  html: param.string().default(HTML_TEMPLATE_PLACEHOLDER),
  sourceData: param.options(['binary', 'json']).default('json'),
  dataPropertyName: param.string().default('data'),
  // trimValues, cleanUpText (extract); capitalize, customStyling, caption, *Attributes (table): unset unless given
  options: z.looseObject({}).default({}),
};

const htmlV1Parameters = parameters({
  ...common,
  extractionValues: z.looseObject({ values: z.array(extractionValue).optional() }).default({}),
});

const htmlV11Parameters = parameters({
  ...common,
  extractionValues: z.looseObject({ values: z.array(extractionValue).optional() }).default({
    values: [
      {
        key: '',
        cssSelector: '',
        returnValue: 'text',
        attribute: '',
        skipSelectors: '',
        returnArray: false,
      },
    ],
  }),
});

/** HTML parameters: from v1.1 one empty extraction value is there by default. */
export function htmlParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion === 1 ? htmlV1Parameters : htmlV11Parameters;
}
