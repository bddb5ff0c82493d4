/** The drag data type a palette item carries onto the canvas; its value is the module kind. */
export const paletteDragType = 'application/x-flowbench-module';
