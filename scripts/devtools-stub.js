// Ink loads react-devtools-core only in its devtools mode, which the tutor never enables.
export default { connectToDevTools() {} };
